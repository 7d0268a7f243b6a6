"""Benchmark: rendering a 10-question quiz as widgets inside a real Jupyter kernel.

Floor (issue 4): under 200 ms. A kernel is started with jupyter_client; in it, a
generated 10-question quiz is turned into widgets and displayed (every widget model is
opened over the kernel's comm channel) 20 times, and the median is reported. The cold
``factquiz.show`` of a lesson (loading the project and planning the quiz first) is
reported beside it. Progress goes to a throw-away file.

Run: ``python benchmarks/bench_widgets.py`` (prints two lines; exit 1 over the floor).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
FLOOR_MS = 200.0
RUNS = 20

CODE = f"""
import json, statistics, time
from pathlib import Path
from IPython.display import display
from factquiz.load import load_project
from factquiz.generate import make_quiz
from factquiz.widgets import QuizWidget, quiz_widget

start = time.perf_counter()
cold = quiz_widget("raa")
display(cold)
cold_ms = (time.perf_counter() - start) * 1000
project = load_project(Path({str(ROOT)!r}))
quiz = next(q for q in (make_quiz(project, lesson) for lesson in project.lessons)
            if len(q.questions) >= 10)
quiz = quiz.model_copy(update={{"questions": quiz.questions[:10]}})
times = []
for _ in range({RUNS}):
    start = time.perf_counter()
    widget = QuizWidget(quiz)
    display(widget)
    times.append((time.perf_counter() - start) * 1000)
    widget.root.close()
print("RESULT " + json.dumps({{"median": statistics.median(times), "max": max(times),
                              "cold": cold_ms, "quiz": quiz.id}}))
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACTQUIZ_PROGRESS"] = str(Path(tmp) / "progress.json")
        manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"))
        lines: list[str] = []
        try:
            def collect(msg: dict) -> None:
                if msg["msg_type"] == "stream":
                    lines.append(msg["content"]["text"])
                elif msg["msg_type"] == "error":
                    lines.append("\n".join(msg["content"]["traceback"]))

            client.execute_interactive(CODE, timeout=300, output_hook=collect)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    text = "".join(lines)
    if "RESULT " not in text:
        print(text, file=sys.stderr)
        return 2
    result = json.loads(text.split("RESULT ", 1)[1])
    print(f"widgets: render a 10-question quiz in {result['median']:.0f} ms "
          f"(median of {RUNS} in a kernel, max {result['max']:.0f} ms; floor {FLOOR_MS:.0f} ms)")
    print(f"widgets: cold factquiz.show of lesson raa (load project, plan, render) in "
          f"{result['cold']:.0f} ms")
    return 0 if result["median"] < FLOOR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
