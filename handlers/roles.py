"""Who is who when a transcript has no participants list: inferred from where and how people speak."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from handlers.speakers import classify
from handlers.transcript import (
    ANALYST,
    EXECUTIVE,
    OPERATOR,
    PREPARED_REMARKS,
    QUESTIONS_AND_ANSWERS,
    UNKNOWN,
    Participant,
    Turn,
)

# What the operator says when opening the Q&A (never said by executives handing over).
OPERATOR_QA_CUE = re.compile(
    r"\[operator instructions\]|\(operator instructions\)|question[- ]and[- ]answer session"
    r"|\b(?:our|the|your) (?:first|next|following) question (?:today )?(?:comes|is coming|will come|is from)\b"
    r"|^(?:first|next) question (?:comes|is coming|will come|is from)\b|question comes from the line of",
    re.IGNORECASE,
)
# What an executive says when handing over to the Q&A.
HANDOVER_QA_CUE = re.compile(
    r"open (?:up )?the (?:call|line|lines|floor|phones)\s+(?:up\s+)?(?:for|to) (?:your |some )?questions"
    r"|(?:take|taking|answer) (?:your|some) questions|turn (?:it|the call) (?:back )?(?:over )?to the operator"
    r"|over to (?:the )?Q&A",
    re.IGNORECASE,
)


def split_sections(turns: list[Turn]) -> list[Turn]:
    """Turns with `section` set: prepared remarks up to the operator's Q&A cue, Q&A after it."""
    start = next((i for i, turn in enumerate(turns) if i > 0 and OPERATOR_QA_CUE.search(turn.text)), None)
    if start is None:
        handover = next((i for i, turn in enumerate(turns) if HANDOVER_QA_CUE.search(turn.text)), None)
        start = None if handover is None or handover + 1 >= len(turns) else handover + 1
    if start is None:
        return turns
    return [_in_section(turn, PREPARED_REMARKS if i < start else QUESTIONS_AND_ANSWERS)
            for i, turn in enumerate(turns)]


def infer_participants(turns: list[Turn]) -> tuple[Participant, ...]:
    """Everyone who speaks, classified by how they speak.

    The operator says the Q&A cues; executives speak in prepared remarks or answer an analyst;
    an analyst first speaks in the Q&A, announced by the operator or asking a question.
    """
    kinds: dict[str, str] = {}
    operators = {turn.speaker for turn in turns if turn.speaker and
                 (turn.speaker.lower() == "operator" or OPERATOR_QA_CUE.search(turn.text))}
    previous: Turn | None = None
    for turn in turns:
        name = turn.speaker
        if name and name not in kinds:
            if name in operators:
                kinds[name] = OPERATOR
            elif turn.section != QUESTIONS_AND_ANSWERS:
                kinds[name] = EXECUTIVE
            elif previous is not None and previous.speaker in operators and _mentions(previous.text, name):
                kinds[name] = ANALYST
            elif previous is not None and kinds.get(previous.speaker or "") == ANALYST:
                kinds[name] = EXECUTIVE
            elif _asks(turn.text):
                kinds[name] = ANALYST
            else:
                kinds[name] = UNKNOWN
        previous = turn
    return tuple(Participant(name, kind) for name, kind in kinds.items())


def with_unlisted(
    listed: Iterable[Participant], turns: Iterable[Turn], *, resolve: Callable[[Turn], Participant] | None = None
) -> tuple[Participant, ...]:
    """The participants list plus everyone who spoke without being listed (usually the operator).

    Args:
        listed: the transcript's own participants list.
        turns: the turns; speakers missing from `listed` are added in order of first turn.
        resolve: who an unlisted speaker is; by default classified from the turn's role and firm.
    """
    people = {p.name: p for p in listed}
    for turn in turns:
        if turn.speaker and turn.speaker not in people:
            people[turn.speaker] = resolve(turn) if resolve else Participant(
                turn.speaker, classify(turn.speaker, turn.role, turn.affiliation), turn.role, turn.affiliation)
    return tuple(people.values())


def _asks(text: str) -> bool:
    return "?" in text or re.search(r"\bquestions?\b", text, re.IGNORECASE) is not None


def _mentions(text: str, name: str) -> bool:
    surname = name.split()[-1]
    return len(surname) > 1 and re.search(rf"\b{re.escape(surname)}\b", text) is not None


def _in_section(turn: Turn, section: str) -> Turn:
    if turn.section == section:
        return turn
    return Turn(section, turn.speaker, turn.text, turn.role, turn.affiliation)
