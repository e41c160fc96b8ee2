"""What is generated at build time, from the code and the rule packs (run in a checkout; tests
check that the committed files are current):

    python -m disclosure_lint.build packs            # src/disclosure_lint/packs.json
    python -m disclosure_lint.build docs > docs/rules.md
    python -m disclosure_lint.build docs --readme [README.md]

It sits above every layer: collecting the packs' models imports every module of the package.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path
from typing import Any

from .checks import registry
from .checks.registry import all_rules
from .output.docs import rules_markdown, update_readme
from .util import packs


def import_all_modules() -> None:
    """Import every module of the package, so that every ``pack_model`` is declared."""
    package = importlib.import_module(__package__ or "disclosure_lint")
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if not info.name.endswith(("__main__", ".build")):
            importlib.import_module(info.name)


def build_packs() -> dict[str, Any]:
    """What ``packs.json`` must hold: every pack validated by its model, the defaults of
    every rule's options, and the registry's index of the rules."""
    import_all_modules()
    out: dict[str, Any] = {}
    for name in packs.pack_names():
        factory = packs.PACK_MODELS.get(name)
        if factory is None and name not in packs.BUILT_IN:
            raise packs.PackError(f"rule pack {name}.toml has no model (declare one with @packs.pack_model)")
        raw_bytes = (packs.rules_dir() / f"{name}.toml").read_bytes()
        out[name] = {"digest": packs.pack_digest(raw_bytes), "data": packs.validate(name, raw_bytes, factory)}
    options = {rule.name: rule.options_model()().model_dump(mode="json")
               for rule in sorted(all_rules(), key=lambda r: r.name) if rule.options_model is not None}
    return {"packs": out, "options": options, "rules": registry.index_data()}


def main(argv: list[str]) -> int:
    what = argv[0] if argv else ""
    if what == "packs":
        packs.GENERATED.write_text(packs.dumps(build_packs()), encoding="utf-8")
        print(f"wrote {packs.GENERATED}")
        return 0
    if what == "docs":
        if "--readme" in argv:
            readme = Path(argv[-1]) if argv[-1].endswith(".md") else Path("README.md")
            readme.write_text(update_readme(readme.read_text(encoding="utf-8"), all_rules()), encoding="utf-8")
        else:
            sys.stdout.write(rules_markdown(all_rules()))
        return 0
    print("usage: python -m disclosure_lint.build packs | docs [--readme [README.md]]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
