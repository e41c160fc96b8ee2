"""Rule documentation from the rules' docstrings: --explain, --list-rules and docs/rules.md.

``python -m disclosure_lint.docs > docs/rules.md`` regenerates the reference (a test checks
that the committed file is current)."""

from __future__ import annotations

from .rule import Rule


def explain(rule: type[Rule]) -> str:
    doc = rule.doc()
    head = f"# {rule.code} {rule.name}\n\n"
    meta = [f"Default severity: {rule.severity.value}"]
    if not rule.default_enabled:
        meta.append("off by default (select it to enable)")
    if rule.fixable:
        meta.append("fixable")
    if rule.profiles is not None:
        meta.append("profiles: " + ", ".join(sorted(rule.profiles)))
    return head + " · ".join(meta) + "\n\n" + doc.body.strip() + "\n"


def explain_dict(rule: type[Rule]) -> dict:
    doc = rule.doc()
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "default_enabled": rule.default_enabled,
        "fixable": rule.fixable,
        "profiles": sorted(rule.profiles) if rule.profiles is not None else None,
        "summary": doc.summary,
        "explanation": doc.body,
    }


def rules_table(rules: tuple[type[Rule], ...]) -> str:
    lines = []
    for r in rules:
        flag = "" if r.default_enabled else " (off by default)"
        lines.append(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.doc().summary[:90]}{flag}")
    return "\n".join(lines) + "\n"


def rules_markdown(rules: tuple[type[Rule], ...]) -> str:
    out = ["# Rules", "",
           "Generated from the rules' docstrings by `python -m disclosure_lint.docs`; do not edit by hand.", "",
           "| Code | Name | Severity | Fix | What it finds |", "|---|---|---|---|---|"]
    for r in rules:
        summary = r.doc().summary.replace("|", "\\|")
        fix = "yes" if r.fixable else ""
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {fix} | {summary} |")
    out.append("")
    for r in rules:
        out.append(explain(r).replace(f"# {r.code} {r.name}", f"## {r.code} {r.name}", 1).replace("\n## ", "\n### "))
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    from .registry import all_rules

    sys.stdout.write(rules_markdown(all_rules()))
