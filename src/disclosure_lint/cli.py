"""The command line: ``disclosure-lint [OPTIONS] [PATH]...``.

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or input error
(an unreadable file, an internal error in a rule)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from ._version import __version__

FORMATS = ("text", "json", "json-lines", "sarif", "github", "junit", "csv", "html")
#: Reporter module of each machine-readable format (output/<module>.py).
_FORMAT_MODULES = {"json": "json", "json-lines": "jsonlines", "sarif": "sarif", "github": "github",
                   "junit": "junit", "csv": "csv", "html": "html"}
SEVERITIES = ("error", "warning", "info")
STATISTICS_FORMATS = ("text", "json", "json-lines", "csv")


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out


def _fail(message: str) -> None:
    from .output.i18n import fail_line

    click.echo(fail_line(message), err=True)
    raise SystemExit(2)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, file_okay=True, readable=False, path_type=str))
@click.option("--output-format", "--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format (--format is the same option).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Rules to run, by code, code prefix or name (comma-separated); replaces the configured set.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to leave out.")
@click.option("--profile", metavar="PROFILE",
              help="Force a document profile (annual-report-2021, annual-report-2007, work-summary, event-summary, "
                   "catalogue, generic) instead of detecting it; 'auto' detects.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str),
              help="Config file (default: the nearest .disclosure-lint.toml or pyproject.toml with "
                   "[tool.disclosure-lint] above each file).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--previous", metavar="PATH",
              help="Last year's report, for the cross-year rules; may contain {prev} (this path with each year minus one).")
@click.option("--encoding", metavar="NAME", help="Decode input with this encoding instead of detecting it.")
@click.option("--stdin-filename", metavar="PATH", help="The file name to report for input read from '-'.")
@click.option("--force-exclude", is_flag=True,
              help="Apply the configured exclude to files named on the command line too (as pre-commit names them).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to lint files in parallel [default: the CPU count from 600 KB of input on, else 1].")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings (text, json, json-lines or csv).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (.txt and .md only; never .docx/.html/.pdf).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply fixes marked unsafe.")
@click.option("--force", is_flag=True, help="With --fix: also rewrite read-only files (as an editor's :w!).")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff without writing anything.")
@click.option("--show-fixes", is_flag=True,
              help="With --fix: list the fixed findings; otherwise: say how many findings have a fix.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=str),
              help="Report only findings that are not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False, path_type=str),
              help="Record today's findings in this baseline file and exit 0.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each document's title and profile, and tracebacks.")
@click.option("--color", "color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
              help="Colour in the text output: auto (on a terminal, unless NO_COLOR is set), always, never.")
@click.option("--no-color", is_flag=True, help="The same as --color never.")
@click.option("--language", type=click.Choice(("zh", "en")), default=None,
              help="Language of the summary, notes and errors [default: zh; en when LC_ALL, LC_MESSAGES or LANG "
                   "starts with en]. Findings are in Chinese.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--explain", metavar="RULE", help="Show a rule's documentation (by code or name) and exit.")
@click.version_option(__version__, "-V", "--version", prog_name="disclosure-lint", message="%(prog)s %(version)s")
def main(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], extend_select: tuple[str, ...],
         ignore: tuple[str, ...], profile: str | None, config_path: str | None, fail_on: str | None,
         previous: str | None, encoding: str | None, stdin_filename: str | None, force_exclude: bool,
         jobs: int | None,
         output_file: str | None, statistics: bool, fix: bool, unsafe_fixes: bool, force: bool, diff: bool,
         show_fixes: bool,
         baseline_path: str | None, write_baseline_path: str | None, exit_zero: bool, quiet: bool,
         verbose: bool, color: str, no_color: bool, language: str | None, list_rules: bool,
         explain: str | None) -> None:
    """Check Chinese government information disclosure documents (年度报告, 工作总结, 活动总结).

    PATHS are files or folders (searched recursively for .txt, .md, .docx, .html, .pdf,
    .csv, .tsv and .xlsx files); '-' reads standard input. With no PATH, the current folder
    is checked.
    """
    from .checks import registry
    from .output.i18n import error_line, set_language, t

    set_language(language)
    if list_rules or explain:
        _docs(list_rules, explain, output_format)
        return

    if statistics and output_format not in STATISTICS_FORMATS:
        _fail(f"--statistics is written as {', '.join(STATISTICS_FORMATS)}, not {output_format}")
    if no_color:
        color = "never"

    from .document.profiles import profile_ids
    from .run import session
    from .run.files import FileError
    from .util.packs import PackError

    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            _fail(f"unknown encoding {encoding!r}")
    if previous is not None and "{" not in previous and not os.path.isfile(previous):
        # A pattern may name no file for the first year; a plain path must exist.
        _fail(f"--previous {previous}: {'is a folder' if os.path.isdir(previous) else 'no such file'}")
    try:
        if profile is not None and profile != "auto" and profile not in profile_ids():
            _fail(f"unknown profile {profile!r} (one of: auto, {', '.join(profile_ids())})")
        fixed = None
        if config_path is not None:
            from .run.config import load_config_file, settings_from_config

            cfg, root = load_config_file(Path(config_path))
            fixed = settings_from_config(cfg, root, Path(config_path))
        overrides: dict[str, Any] = {
            "select": _split(select), "extend_select": _split(extend_select), "ignore": _split(ignore),
            "profile": profile, "fail_on": fail_on, "encoding": encoding, "previous": previous,
        }
        for sel in (overrides["select"] or []) + (overrides["extend_select"] or []) + (overrides["ignore"] or []):
            registry.codes(sel)  # validated without importing the rules
    except (PackError, registry.SelectorError) as exc:
        _fail(str(exc))
    except Exception as exc:  # ConfigError, without importing pydantic to name it
        if type(exc).__name__ != "ConfigError":
            raise
        _fail(str(exc))

    finder = session.SettingsFinder(fixed, overrides)
    stdout_taken = False  # --fix wrote standard input back to standard output
    try:
        the_plan = session.plan(list(paths) or ["."], finder, force_exclude=force_exclude, read_stdin=True,
                                stdin_filename=stdin_filename)
    except PackError as exc:
        _fail(str(exc))
    except Exception as exc:
        if type(exc).__name__ != "ConfigError":
            raise
        _fail(str(exc))
    if the_plan.stdin_excluded:
        # ruff: an excluded --stdin-filename is not linted; --fix gives the input back
        data = sys.stdin.buffer.read()
        if fix:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            stdout_taken = True
    errors, tasks, stdin_task = the_plan.errors, the_plan.tasks, the_plan.stdin

    # The terminal decides the layout (snippets), --color only the colour (ruff's --color).
    use_rich = (output_format == "text" and not statistics and output_file is None and not quiet
                and (sys.stdout.isatty() or color == "always"))
    held = use_rich or fix or diff or bool(baseline_path or write_baseline_path)  # options that need every result
    keep = held or output_format == "html"
    stdin_data = sys.stdin.buffer.read() if stdin_task is not None else None
    if not held:  # each file's findings written as they come (output.stream)
        with _output(output_file, output_format) as out:
            code = _lint_streamed(out, the_plan, stdin_data, jobs, output_format, statistics=statistics,
                                  quiet=quiet, show_fixes=show_fixes, verbose=verbose, exit_zero=exit_zero,
                                  fail_on=fail_on,
                                  progress=_progress(len(tasks), enabled=not quiet and sys.stderr.isatty()
                                                     and (output_file is not None or not sys.stdout.isatty())))
        for err in errors:
            click.echo(error_line(err.path, err.message), err=True)
        raise SystemExit(code)
    with _progress(len(tasks), enabled=not quiet and sys.stderr.isatty()) as tick:
        results = list(session.execute(the_plan, jobs, keep_sources=keep, stdin_data=stdin_data, on_done=tick))

    settings_of = the_plan.settings_of()
    if fix or diff:
        changed = _apply_fixes(results, settings_of, errors, stdin_task[0] if stdin_task else None,
                               unsafe_fixes, diff, output_file, force, show_fixes=show_fixes)
        if diff:
            raise SystemExit(1 if changed else 0)

    findings = []
    sources: dict[str, Any] = {}
    for r in results:
        if _take(r, errors, verbose):
            findings.extend(r.findings)
            if r.source is not None:
                sources[r.path] = r.source
    fail_rank = {path: st.fail_on.rank for path, st in settings_of.items()}

    findings.sort(key=lambda f: f.sort_key())
    if write_baseline_path:
        from .output import baseline

        written = baseline.write(write_baseline_path, findings, sources)
        n_written = sum(e.count for e in written.entries)
        click.echo(t(f"已将 {n_written} 个问题记入基线文件 {write_baseline_path}。",
                     f"Wrote {n_written} findings to the baseline {write_baseline_path}."), err=True)
        for err in errors:
            click.echo(error_line(err.path, err.message), err=True)
        raise SystemExit(2 if errors else 0)
    if baseline_path:
        from .output import baseline

        try:
            recorded = baseline.load(baseline_path)
        except baseline.BaselineError as exc:
            _fail(f"{baseline_path}: {exc}")
        findings, stale = baseline.filter(findings, sources, recorded)
        for st in stale:
            click.echo(t(f"基线：过时的条目（已修复？请删除）：{st}", f"baseline: stale entry (fixed? remove it): {st}"),
                       err=True)
    documents = {r.path: r.documents for r in results if r.error is None}
    if fix and (stdin_task is not None or stdout_taken) and output_file is None:
        from .output import text

        for f in findings:  # standard output holds the fixed text
            click.echo(text.format_finding(f), err=True)
    else:
        from .output.i18n import explain_reason

        failed = {e.path for e in errors}
        shown = [FileError(e.path, explain_reason(e.message)) for e in errors]  # in the interface language
        _report(findings, sources, documents, [r.path for r in results if r.path not in failed], output_format,
                quiet, use_rich, statistics, output_file, shown, color=color, show_fixes=show_fixes)
    for err in errors:
        click.echo(error_line(err.path, err.message), err=True)

    from .checks.finding import Severity
    from .run.engine import INTERNAL_ERROR_CODE

    default_rank = Severity(fail_on or "warning").rank
    if errors or any(f.code == INTERNAL_ERROR_CODE for f in findings):
        raise SystemExit(2)
    if not exit_zero and any(f.severity.rank >= fail_rank.get(f.path, default_rank) for f in findings):
        raise SystemExit(1)


def _take(result: Any, errors: list[Any], verbose: bool) -> bool:
    """Whether ``result`` was linted: an unreadable file's error goes to ``errors`` (with its
    detail under --verbose); under --verbose a linted file's documents are said on stderr."""
    from .output.i18n import t
    from .run.files import FileError

    if result.error is not None:
        errors.append(FileError(result.path, result.error))
        if verbose and result.detail:
            click.echo(result.detail, err=True)
        return False
    if verbose:
        for d in result.documents:
            click.echo(t(f"{result.path}: 第 {d.index} 篇文档（第 {d.line} 行）“{d.title}”：类型 {d.profile}",
                         f"{result.path}: document {d.index} (line {d.line}) “{d.title}”: profile {d.profile}"), err=True)
    return True


def _lint_streamed(out: Any, the_plan: Any, stdin_data: bytes | None, jobs: int | None, output_format: str, *,
                   statistics: bool, quiet: bool, show_fixes: bool, verbose: bool, exit_zero: bool,
                   fail_on: str | None, progress: Any) -> int:
    """The run when nothing needs every result at the end (no --fix, --diff, baseline or
    terminal snippets): each file's result goes to the reporter as it comes (``output.stream``),
    so memory stays flat however many files there are. Returns the exit code; the results'
    errors are added to the plan's (the caller prints them)."""
    from .checks.finding import Severity
    from .output import stream
    from .output.i18n import explain_reason
    from .run import session
    from .run.engine import INTERNAL_ERROR_CODE

    errors = the_plan.errors
    stdin_task = the_plan.stdin
    paths = ([stdin_task[0]] if stdin_task is not None else []) + [path for path, _ in the_plan.tasks]
    reporter = stream.open(output_format, out, statistics=statistics, paths=paths,
                           errors=[(e.path, explain_reason(e.message)) for e in errors], explain=explain_reason,
                           quiet=quiet, show_fixes=show_fixes and not quiet)
    settings_of = the_plan.settings_of()
    default_rank = Severity(fail_on or "warning").rank
    failing = internal = False
    with progress as tick:
        for result in session.execute(the_plan, jobs, stdin_data=stdin_data, on_done=tick, prepare=reporter.prepare):
            if _take(result, errors, verbose):
                settings = settings_of.get(result.path)
                rank = settings.fail_on.rank if settings is not None else default_rank
                for f in result.findings:
                    internal = internal or f.code == INTERNAL_ERROR_CODE
                    failing = failing or f.severity.rank >= rank
            reporter.add(result)
    reporter.close()
    if errors or internal:
        return 2
    return 1 if failing and not exit_zero else 0


class _progress:
    """A rich progress bar on stderr for runs that last more than about a second."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled and total > 1
        self.bar: Any = None
        self.task: Any = None
        self.done = 0

    def __enter__(self) -> Any:
        import time

        self.t0 = time.monotonic()
        return self.tick

    def tick(self, _: object) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar is None:
            import time

            if time.monotonic() - self.t0 < 1.0:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            from .output.i18n import t

            self.task = self.bar.add_task(t("检查中", "linting"), total=self.total, completed=self.done)
            return
        self.bar.update(self.task, completed=self.done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _report(findings: list, sources: dict, documents: dict, paths: list[str], output_format: str, quiet: bool,
            use_rich: bool, statistics: bool, output_file: str | None, errors: list | None = None,
            color: str = "auto", show_fixes: bool = False) -> None:
    import importlib

    from .output import text

    files = len(paths)
    fixable = text.fixable_note(findings) if show_fixes and not quiet else ""
    if use_rich:
        from rich.console import Console

        from .output import pretty

        if color == "never":
            console = Console(color_system=None, no_color=True)
        elif color == "always":
            console = Console(force_terminal=True, no_color=False)
        else:
            console = Console()
        pretty.write(console, findings, sources, files, len(errors or ()), snippets=sys.stdout.isatty())
        if fixable:
            console.print(fixable, highlight=False, markup=False)
        return
    with _output(output_file, output_format) as out:
        if statistics:
            from .output import statistics as stats

            stats.write(out, findings, fmt=output_format)
            return
        if output_format == "text":
            text.write(out, findings)
            if not quiet:
                out.write(text.summary(findings, files, len(errors or ())) + "\n")
            if fixable:
                out.write(fixable + "\n")
            return
        module = importlib.import_module(f".output.{_FORMAT_MODULES[output_format]}", __package__)
        module.write(out, findings, sources=sources, documents=documents, files=paths, errors=errors or [])


class _output:
    """The report's stream: --output-file, or standard output as UTF-8 (a GBK console could
    not take a CSV's byte-order mark, and CSV wants its own line endings)."""

    def __init__(self, path: str | None, output_format: str) -> None:
        self.path, self.newline = path, "" if output_format == "csv" else None
        self.stream: Any = None

    def __enter__(self) -> Any:
        import io

        if self.path is not None:
            try:
                self.stream = open(self.path, "w", encoding="utf-8", newline=self.newline)  # noqa: SIM115
            except OSError as exc:
                from .output.i18n import explain_reason, t

                _fail(t(f"{self.path}：{explain_reason(f'cannot write ({exc.strerror or exc})')}",
                        f"{self.path}: cannot write ({exc.strerror or exc})"))
            return self.stream
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            return sys.stdout
        sys.stdout.flush()
        self.stream = io.TextIOWrapper(buffer, encoding="utf-8", newline=self.newline, write_through=True)
        return self.stream

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        # A full disk (ENOSPC), a quota, an I/O error: one line and exit 2, never a
        # traceback. A closed pipe (`| head`) is left to __main__, which stops quietly.
        error = exc if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError) else None
        if self.stream is not None:
            try:
                self.stream.flush()
                if self.path is not None:
                    self.stream.close()
                else:
                    self.stream.detach()  # leave sys.stdout usable
            except BrokenPipeError:
                if exc is None:
                    raise
            except OSError as late:
                if exc is None:
                    error = late
                if self.path is not None:
                    try:
                        self.stream.close()
                    except OSError:
                        pass
        if error is not None:
            from .output.i18n import explain_reason, t

            where = self.path or t("标准输出", "standard output")
            _fail(t(f"{where}：{explain_reason(f'cannot write ({error.strerror or error})')}",
                    f"{where}: cannot write ({error.strerror or error})"))


def _apply_fixes(results: list, settings_of: dict, errors: list, stdin_name: str | None, unsafe: bool, diff: bool,
                 output_file: str | None, force: bool = False, show_fixes: bool = False) -> bool:
    """--fix / --diff over the linted files; returns whether anything would change."""
    from .output import fixes
    from .run.engine import lint_documents, load_previous
    from .run.files import FileError

    changed = False
    fixed_count = 0
    diffs: list[str] = []
    not_text: list[str] = []
    fixed_by_file: dict[str, list] = {}
    for r in results:
        if r.error is not None or r.source is None or not any(f.fix for f in r.findings):
            continue
        st = settings_of[r.path]
        is_stdin = r.path == stdin_name
        if not is_stdin and not fixes.can_write(r.source):
            not_text.append(r.path)  # a .docx/.html/.pdf: the fix belongs in the original document
            continue

        def lint(src: Any, st: Any = st, path: str = r.path, is_stdin: bool = is_stdin) -> list:
            return lint_documents(src, st, None if is_stdin else load_previous(path, st))[0]

        out = fixes.fix_source(r.source, lint, unsafe=unsafe, findings=r.findings)
        if not out.changed(r.source):
            continue
        changed = True
        if diff:
            diffs.append(fixes.unified_diff(r.path, r.source.text, out.text))
            continue
        if is_stdin:  # the fixed text goes to standard output; findings to standard error
            sys.stdout.write(out.text)
            fixed_count += len(out.fixed)
            fixed_by_file[r.path] = list(out.fixed)
            r.findings = out.remaining
            r.source = fixes.with_text(r.source, out.text)
            continue
        try:
            fixes.write_back(r.source, out.text, force=force)
        except fixes.FixError as exc:
            errors.append(FileError(r.path, f"not fixed: {exc}"))
            continue
        fixed_count += len(out.fixed)
        fixed_by_file[r.path] = list(out.fixed)
        r.findings = out.remaining
        r.source = fixes.with_text(r.source, out.text)
    from .output.i18n import t

    if not_text:
        kinds = "/".join(sorted({os.path.splitext(p)[1].lower() or p for p in not_text}))
        n = len(not_text)
        click.echo(t(f"提示：修复只用于文本格式（.txt、.md）；{n} 个 {kinds} 文件中"
                     f"可修复的问题未改动（请在原文档中修改）",
                     f"note: fixes apply to text formats (.txt, .md) only; {n} {kinds} file{'s' if n != 1 else ''} "
                     f"with fixable findings left as {'they are' if n != 1 else 'it is'} (fix the original document)"),
                   err=True)
    if diff:
        with _output(output_file, "text") as stream:
            for d in diffs:
                stream.write(d)
        click.echo(t(f"将修改 {len(diffs)} 个文件。", f"{len(diffs)} file{'s' if len(diffs) != 1 else ''} would be changed."),
                   err=True)
    elif fixed_count:
        click.echo(t(f"已修复 {fixed_count} 个问题{'：' if show_fixes else '。'}",
                     f"Fixed {fixed_count} finding{'s' if fixed_count != 1 else ''}{':' if show_fixes else '.'}"),
                   err=True)
        if show_fixes:  # ruff's enumeration: per file, how many of each rule
            from collections import Counter

            for path, fixed in fixed_by_file.items():
                click.echo(f"- {path}:", err=True)
                for (code, name), n in sorted(Counter((f.code, f.name) for f in fixed).items()):
                    click.echo(f"    {n} × {code} ({name})", err=True)
    return changed


def _docs(list_rules: bool, explain: str | None, output_format: str) -> None:
    import json

    from .checks import registry
    from .output.docs import explain as explain_text
    from .output.docs import explain_dict, rules_table

    if explain:
        try:
            rule = registry.get(explain)
        except registry.SelectorError as exc:
            _fail(str(exc))
        if output_format == "json":
            click.echo(json.dumps(explain_dict(rule), ensure_ascii=False, indent=2))
        else:
            from .output.i18n import language

            click.echo(explain_text(rule, language()), nl=False)
        return
    rules = registry.all_rules()
    if output_format == "json":
        click.echo(json.dumps([explain_dict(r) for r in rules], ensure_ascii=False, indent=2))
    else:
        click.echo(rules_table(rules), nl=False)
