"""QTI 1.2 zip as Canvas (classic quizzes) imports it: every type but ordering.

The package has the layout Canvas itself exports, and text2qti writes: ``imsmanifest.xml``,
``<assessment id>/<assessment id>.xml`` (the questions) and
``<assessment id>/assessment_meta.xml`` (Canvas quiz settings). Items use Canvas's
``question_type`` metadata; the general feedback (explanation and citations) is shown
after an attempt. A choice question also has Canvas's per-answer feedback, as text2qti
writes it: each option with a reason (``option_feedback``) an ``itemfeedback`` of its own,
shown by a ``respcondition`` when it is chosen, and general correct/incorrect feedback
naming the right answer. A short answer is an essay question (extended text) with its model
answer and key points in that feedback. Identifiers are derived from the quiz, seed and
question ids, so the same export is the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from ..answers import MESSAGES
from ..escape import html_text, xml_text
from ..feedback import feedback_html
from ..model import Question
from ..normalize import number_text
from ..qtypes.base import choice_answer_text, option_feedback
from ..qtypes.short import key_html
from ..quizmodel import Quiz
from .base import ExportContext, Format
from .common import export_kind, fuzzy_cloze_notes, stable_ident

QTI_NS = {
    "xmlns": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 "
                          "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
}
MANIFEST_NS = {
    "xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
    "xmlns:lom": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource",
    "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 "
                          "http://www.imsglobal.org/xsd/imscp_v1p1.xsd",
}
CANVAS_NS = {
    "xmlns": "http://canvas.instructure.com/xsd/cccv1p0",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": "http://canvas.instructure.com/xsd/cccv1p0 "
                          "https://canvas.instructure.com/xsd/cccv1p0.xsd",
}
#: The feedback Canvas shows for any response, a right one, a wrong one (text2qti's names).
GENERAL_FB, CORRECT_FB, INCORRECT_FB = "general_fb", "correct_fb", "general_incorrect_fb"
CANVAS_TYPE = {
    "mc": "multiple_choice_question",
    "tf": "true_false_question",
    "cloze": "short_answer_question",
    "numeric": "numerical_question",
    "matching": "matching_question",
    "short": "essay_question",
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _mattext(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype=texttype)


def _metadata(item: ET.Element, question_type: str, answer_ids: list[str], ref: str) -> None:
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", question_type), ("points_possible", "1.0"),
                         ("original_answer_ids", ",".join(answer_ids)),
                         ("assessment_question_identifierref", ref)):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _resprocessing(item: ET.Element, essay: bool = False) -> ET.Element:
    """The item's scoring: the SCORE variable, (an essay: no automatic score, as text2qti
    writes it), then the general feedback shown for any response."""
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0",
         varname="SCORE", vartype="Decimal")
    if essay:
        _sub(_sub(_sub(processing, "respcondition", **{"continue": "No"}), "conditionvar"),
             "other")
    general = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid=GENERAL_FB)
    return processing


def _set_score(condition: ET.Element, value: str, action: str = "Set") -> None:
    _sub(condition, "setvar", value, action=action, varname="SCORE")


def _feedback_condition(processing: ET.Element, choice_id: str | None, feedback_id: str,
                        score: str | None = None) -> None:
    """A ``respcondition`` showing ``feedback_id`` when ``choice_id`` is chosen (None: for
    any response that gets this far, i.e. a wrong one). With ``score``: the key's, which
    sets the score and ends processing, as text2qti writes it."""
    go_on = "Yes" if score is None else "No"
    condition = _sub(processing, "respcondition", **{"continue": go_on})
    test = _sub(condition, "conditionvar")
    if choice_id is None:
        _sub(test, "other")
    else:
        _sub(test, "varequal", choice_id, respident="response1")
    if score is not None:
        _set_score(condition, score)
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback_id)


def _choice_reasons(question: Question, choice_ids: list[str]) -> list[tuple[str, str]]:
    """``(choice id, why that choice is wrong)`` for each option that has a reason."""
    return [(choice_id, why) for i, choice_id in enumerate(choice_ids)
            if (why := option_feedback(question, i))]


def _item_feedback(item: ET.Element, ident: str, fragment: str) -> None:
    """An ``itemfeedback`` (shown by a ``displayfeedback`` linking ``ident``) of HTML."""
    _mattext(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), fragment)


def item_element(quiz: Quiz, question: Question) -> ET.Element:
    """The ``<item>`` for one question, in Canvas's QTI dialect."""
    ident = "factquiz_" + stable_ident(quiz.id, str(quiz.seed), question.id)
    item = ET.Element("item", ident=ident, title=xml_text(question.id))
    kind = export_kind(question)
    choice_ids = [f"{ident}_{i}" for i in range(len(question.options))]
    if kind in ("mc", "tf"):
        _metadata(item, CANVAS_TYPE[kind], choice_ids, f"{ident}_ref")
        presentation = _sub(item, "presentation")
        _mattext(presentation, html_text(question.prompt))
        choices = _sub(_sub(presentation, "response_lid", ident="response1", rcardinality="Single"),
                       "render_choice")
        for choice_id, option in zip(choice_ids, question.options, strict=True):
            _mattext(_sub(choices, "response_label", ident=choice_id), html_text(option))
        processing = _resprocessing(item)
        for choice_id, _why in _choice_reasons(question, choice_ids):
            _feedback_condition(processing, choice_id, f"{choice_id}_fb")
        _feedback_condition(processing, choice_ids[question.answer], CORRECT_FB, score="100")
        _feedback_condition(processing, None, INCORRECT_FB)
    elif kind in ("cloze", "numeric"):
        if kind == "cloze":
            answer_ids = [f"{ident}_{i}" for i in range(len(question.accepted))]
        else:
            answer_ids = [f"{ident}_numerical"]
        _metadata(item, CANVAS_TYPE[kind], answer_ids, f"{ident}_ref")
        presentation = _sub(item, "presentation")
        _mattext(presentation, html_text(question.prompt))
        blank = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        if kind == "cloze":
            _sub(_sub(blank, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        else:
            _sub(_sub(blank, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        correct = _sub(_resprocessing(item), "respcondition", **{"continue": "No"})
        condition = _sub(correct, "conditionvar")
        if kind == "cloze":
            for accepted in question.accepted:
                _sub(condition, "varequal", accepted, respident="response1")
        else:
            value, tolerance = float(question.answer), float(question.tolerance)
            either = _sub(condition, "or")
            _sub(either, "varequal", number_text(value), respident="response1")
            both = _sub(either, "and")
            _sub(both, "vargte", number_text(value - tolerance), respident="response1")
            _sub(both, "varlte", number_text(value + tolerance), respident="response1")
        _set_score(correct, "100")
    elif kind == "matching":
        left_ids = [f"{ident}_item{i}" for i in range(len(question.items))]
        _metadata(item, CANVAS_TYPE[kind], left_ids, f"{ident}_ref")
        presentation = _sub(item, "presentation")
        _mattext(presentation, html_text(question.prompt))
        for left_id, text in zip(left_ids, question.items, strict=True):
            response = _sub(presentation, "response_lid", ident=f"response_{left_id}")
            _mattext(response, text, texttype="text/plain")
            choices = _sub(response, "render_choice")
            for choice_id, option in zip(choice_ids, question.options, strict=True):
                _mattext(_sub(choices, "response_label", ident=choice_id), option,
                         texttype="text/plain")
        processing = _resprocessing(item)
        share = f"{100 / len(question.items):.2f}"
        for left_id, option_index in zip(left_ids, question.answer, strict=True):
            condition = _sub(processing, "respcondition")
            _sub(_sub(condition, "conditionvar"), "varequal", choice_ids[option_index],
                 respident=f"response_{left_id}")
            _set_score(condition, share, action="Add")
    elif kind == "short":  # extended text, graded by hand: the model answer as feedback
        _metadata(item, CANVAS_TYPE[kind], [], f"{ident}_ref")
        presentation = _sub(item, "presentation")
        _mattext(presentation, html_text(question.prompt))
        text = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(text, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _resprocessing(item, essay=True)
    else:
        raise ValueError(f"QTI cannot carry {kind!r} questions")
    extra = key_html(question) if kind == "short" else ""
    _item_feedback(item, GENERAL_FB, extra + feedback_html(question))
    if kind in ("mc", "tf"):  # in text2qti's order: correct, incorrect, then each choice's
        answer = html_text(choice_answer_text(question))
        _item_feedback(item, CORRECT_FB, f"<p>{html_text(MESSAGES['correct'])} {answer}</p>")
        _item_feedback(item, INCORRECT_FB, f"<p>{html_text(MESSAGES['wrong'])} "
                                           f"{html_text(MESSAGES['right_answer'])} {answer}</p>")
        for choice_id, why in _choice_reasons(question, choice_ids):
            _item_feedback(item, f"{choice_id}_fb", f"<p>{html_text(why)}</p>")
    return item


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def assessment_xml(quiz: Quiz, questions: list[Question], assessment_id: str) -> bytes:
    """``<assessment id>.xml``: the questions."""
    root = ET.Element("questestinterop", QTI_NS)
    assessment = _sub(root, "assessment", ident=assessment_id, title=quiz.title)
    field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    for question in questions:
        section.append(item_element(quiz, question))
    return _xml(root)


def manifest_xml(quiz: Quiz, assessment_id: str) -> bytes:
    """``imsmanifest.xml``: the package's resources, as Canvas expects them."""
    root = ET.Element("manifest", {"identifier": f"{assessment_id}_manifest", **MANIFEST_NS})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    title = _sub(_sub(_sub(metadata, "imsmd:lom"), "imsmd:general"), "imsmd:title")
    _sub(title, "imsmd:string", quiz.title)
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=assessment_id, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{assessment_id}/{assessment_id}.xml")
    _sub(resource, "dependency", identifierref=f"{assessment_id}_meta")
    meta = _sub(resources, "resource", identifier=f"{assessment_id}_meta",
                type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                href=f"{assessment_id}/assessment_meta.xml")
    _sub(meta, "file", href=f"{assessment_id}/assessment_meta.xml")
    return _xml(root)


def meta_xml(quiz: Quiz, questions: list[Question], assessment_id: str) -> bytes:
    """``assessment_meta.xml``: Canvas's quiz settings (unpublished, answers not shuffled)."""
    root = ET.Element("quiz", {"identifier": assessment_id, **CANVAS_NS})
    points = f"{float(len(questions)):.1f}"
    description = f"Generated by factquiz from lesson {quiz.lesson}, seed {quiz.seed}."
    for tag, value in (("title", quiz.title), ("description", html_text(description)),
                       ("shuffle_answers", "false"), ("scoring_policy", "keep_highest"),
                       ("quiz_type", "assignment"), ("points_possible", points),
                       ("show_correct_answers", "true"), ("allowed_attempts", "1"),
                       ("one_question_at_a_time", "false"), ("cant_go_back", "false"),
                       ("available", "false")):
        _sub(root, tag, value)
    assignment = _sub(root, "assignment", identifier=f"{assessment_id}_assignment")
    for tag, value in (("title", quiz.title), ("workflow_state", "unpublished"),
                       ("quiz_identifierref", assessment_id), ("points_possible", points),
                       ("grading_type", "points"), ("submission_types", "online_quiz")):
        _sub(assignment, tag, value)
    _sub(root, "assignment_group_identifierref", f"{assessment_id}_group")
    return _xml(root)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def render(quiz: Quiz, questions: list[Question], context: ExportContext) -> bytes:
    """The QTI package as zip bytes (fixed timestamps, so the same quiz gives the same bytes)."""
    assessment_id = "factquiz_" + stable_ident(quiz.id, str(quiz.seed))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(_entry("imsmanifest.xml"), manifest_xml(quiz, assessment_id))
        archive.writestr(_entry("non_cc_assessments/"), b"")
        archive.writestr(_entry(f"{assessment_id}/assessment_meta.xml"),
                         meta_xml(quiz, questions, assessment_id))
        archive.writestr(_entry(f"{assessment_id}/{assessment_id}.xml"),
                         assessment_xml(quiz, questions, assessment_id))
    return stream.getvalue()


def _notes(questions: list[Question]) -> list[str]:
    return fuzzy_cloze_notes(questions, "Canvas fill-in-the-blank questions")


FORMAT = Format(
    name="qti",
    extension="zip",
    description="QTI 1.2 package for Canvas (Settings > Import Course Content > QTI .zip file)",
    render=render,
    carries=frozenset({"mc", "tf", "cloze", "numeric", "matching", "short"}),
    unsupported={"ordering": "Canvas classic quizzes (QTI 1.2) have no ordering question type"},
    notes=_notes,
)
