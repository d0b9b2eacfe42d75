"""Draft subjects, exactly as the rules' section 4 gives them."""

from __future__ import annotations

_SUBJECTS: dict[str, str] = {
    "thank_you": "Thank you for the {role}interview",
    "check_in_1": "Following up on {role}interview - {user}",
    "check_in_2": "Following up again on {role}interview - {user}",
    "final_follow_up": "Closing the loop on the {role}interview - {user}",
    "rejection_thanks": "Thank you for considering me for the {role}role",
}


def subject_for(action_type: str, role: str | None, user_name: str) -> str | None:
    """The subject of the draft of ``action_type``, or None when it makes no draft.

    Without a role the words ``{role} `` are left out, so no double space appears.
    """
    pattern = _SUBJECTS.get(action_type)
    if pattern is None:
        return None
    return pattern.format(role=f"{role} " if role else "", user=user_name)
