"""Every message a student sees, by name (the graders', the notebook's and the book's),
and the response lengths they name: the table of :mod:`factquiz.answers` (the grading
specification), kept in a module of its own that imports nothing, so that showing a
quiz in a notebook does not load what grading needs."""

from __future__ import annotations

#: Longest text response graded; longer input is refused with a message.
MAX_RESPONSE_CHARS = 200
#: Longest written short answer graded (a few sentences); longer text is refused.
MAX_SHORT_ANSWER_CHARS = 4000

#: Every message a student sees, by name: the graders', the notebook's and the book's
#: (the book's script receives this table and has no English of its own).
MESSAGES: dict[str, str] = {
    "correct": "Correct.",
    "wrong": "Not quite.",
    "wrong_detail": "Not quite: {detail}",
    "in_place": "{right} of {total} in the right place.",
    "pairs_right": "{right} of {total} pairs right.",
    "parts_right": "{right} of {total} are right.",
    "right_answer": "The right answer:",
    "empty": "Please type an answer.",
    "too_long": f"That answer is too long: keep it under {MAX_RESPONSE_CHARS} characters.",
    "empty_number": "Please type a number.",
    "too_long_number": "That answer is too long to be a number.",
    "not_a_number": "'{text}' is not a number: type digits only, such as 1960 or 2.5.",
    "not_finite": "Please type a finite number.",
    "not_text": "Please type your answer as text.",
    "not_a_choice": "Please choose one of the options.",
    "not_a_list": "Please give a list of {n} numbers.",
    "each_once": "Please use each item once.",
    "short_shape": "Please write your answer and mark the key points you covered.",
    "short_text": "Please write your answer as text.",
    "short_empty": "Please write your answer first: a few sentences.",
    "short_too_long": f"That answer is too long: keep it under {MAX_SHORT_ANSWER_CHARS} "
                      "characters.",
    "short_marks": "Please mark each of the {n} key points as covered or not.",
    "short_covered": "you marked {covered} of {total} key points as covered.",
    # what to do when Check is pressed without a complete answer (notebook, book)
    "incomplete_choice": "Choose one of the options, then press Check.",
    "incomplete_true_false": "Choose True or False, then press Check.",
    "incomplete_text": "Type your answer in the box, then press Check.",
    "incomplete_number": "Type a number in the box, then press Check.",
    "incomplete_order": "Choose a different event for each position, then press Check.",
    "incomplete_match": "Choose a match for every item, then press Check.",
    "incomplete_short": "Write your answer, press Show model answer, tick the key points "
                        "your answer makes, then press Check.",
    "show_model": "Show model answer",
    "write_first": "Write your answer first; then the model answer is shown.",
    "model_answer": "Model answer:",
    "key_points": "Key points (tick each one your answer makes):",
    "short_locked": "Compare your answer with the model answer above: what does it miss?",
    "choose": "Choose an answer first.",
    "type": "Type an answer first.",
    "choose_all": "Choose a match for every item first.",
    # the book's page
    "locked": "The explanation and its sources appear once your answer is right.",
    "check": "Check answer",
    "part_right": "right",
    "part_wrong": "wrong",
    "move_up": "Move up:",
    "move_down": "Move down:",
    "moved": "“{item}” is now number {position} of {total}.",
    "source": "Source:",
    "note": "note {n}",
    "no_answers": "No answers checked yet.",
    "score": "First-try score: {first} of {total}. Right now: {right} of {total} "
             "({checked} of {total} answered).",
    "reset": "Reset quiz",
    "was_reset": "The quiz was reset; your saved answers were removed.",
}
