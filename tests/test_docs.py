"""The README is the front door and docs/ holds the rest: a newcomer who follows a link
must land on the page (and the heading) it names, and the README's commands must be the
ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")


def pages() -> list[Path]:
    """Every Markdown page a reader can reach from the README, plus the folder READMEs."""
    found = [README, *sorted(DOCS.glob("*.md"))]
    folders = (ROOT / "bench" / "README.md", ROOT / "systemd" / "README.md")
    found += [p for p in folders if p.exists()]
    return found


def prose(page: Path) -> list[str]:
    """The page's lines outside code fences: links and headings in code are not links."""
    lines, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for line in prose(page):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        base = slug(m.group(1))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def links(page: Path) -> list[str]:
    return [t for line in prose(page) for t in LINK.findall(line)]


def relative(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target)


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_to_a_file_and_heading(page: Path) -> None:
    broken = []
    for target in filter(relative, links(page)):
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists():
            broken.append(f"{target}: no file {dest}")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            broken.append(f"{target}: no heading #{anchor} in {dest.name}")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_every_docs_page_is_linked_from_the_readme() -> None:
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in links(README) if relative(t)}
    orphans = [p.name for p in DOCS.glob("*.md") if p.resolve() not in linked]
    assert not orphans, f"docs pages the README does not lead to: {orphans}"


def test_google_and_service_set_up_are_one_click_from_the_readme() -> None:
    targets = set(links(README))
    assert "docs/google.md#set-up" in targets
    assert "docs/service.md" in targets
    assert "Install it as a systemd user service" in (DOCS / "service.md").read_text()
    assert "Create the OAuth client" in (DOCS / "google.md").read_text()


def code_blocks(page: Path) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)


def test_readme_opens_with_the_run_command_then_the_test_command_ci_runs() -> None:
    run, test = (block.strip() for block in code_blocks(README)[:2])
    assert "interview-followup" in run and "pytest" not in run
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci, "the README's test command must be the line .ci/run runs"
