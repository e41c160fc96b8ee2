from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...analysis.text_units import Window, own_sentences, windows
from ...document.model import Document
from ..finding import Diagnostic
from ..rule import Rule

#: Characters of the shared passage quoted in the message.
_QUOTE = 24


def _options() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True,
                                  alias_generator=lambda s: s.replace("_", "-"))
        #: The shortest passage that counts as copied (characters, numbers and punctuation removed).
        min_chars: int = Field(60, ge=20)
        #: A passage at least this similar (rapidfuzz partial_ratio, 0–100) to the other text is shared.
        min_similarity: float = Field(90.0, ge=60.0, le=100.0)
        #: Estimated Jaccard similarity of two passages' shingles from which LSH proposes them.
        threshold: float = Field(0.45, gt=0.0, lt=1.0)
        #: Text more agencies than this share in one batch is common phrasing, not a copy.
        max_agencies: int = Field(8, ge=1)
        #: At most this many other documents are compared with each one (the most similar).
        max_candidates: int = Field(10, ge=1)
        #: MinHash permutations per passage.
        num_perm: int = Field(32, ge=8, le=256)

    return Options


@dataclass(slots=True, frozen=True)
class Shared:
    """The passages of one document another document shares: windows merged into runs."""

    runs: list[tuple[int, int]]  # (first, last) sentence of each passage


def shared_passages(mine: list[Window], theirs: str, min_similarity: float) -> Shared | None:
    """The windows of ``mine`` found in the other document's text ``theirs`` (rapidfuzz
    partial_ratio: a renamed place or changed word keeps a copy above the cut-off), merged
    where they overlap."""
    if not mine or not theirs:
        return None
    from rapidfuzz import fuzz

    runs: list[tuple[int, int]] = []
    for w in mine:
        # partial_ratio aligns the shorter string: a window longer than the other text would
        # match a few words of it
        score = fuzz.partial_ratio if len(w.text) <= len(theirs) else fuzz.ratio
        if score(w.text, theirs, score_cutoff=min_similarity) == 0:
            continue
        if runs and w.first <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(runs[-1][1], w.last))
        else:
            runs.append((w.first, w.last))
    return Shared(runs) if runs else None


def _sibling_candidates(doc: Document, opts: Any) -> tuple[list[Document], frozenset[int]]:
    """Documents of the same file by other agencies that may share text with ``doc``, and
    its common windows (one search per file, kept in the file's first document)."""
    siblings = doc.siblings
    if len(siblings) < 2:
        return [], frozenset()
    first = siblings[0]
    key = "file:copies.siblings"
    found = first.cache.get(key)
    if found is None:
        found = {}
        from ...analysis.identity import agency

        who = [agency(d) for d in siblings]
        from ...analysis import copies

        if len(siblings) <= copies.DIRECT:
            known = [(d, a) for d, a in zip(siblings, who) if a is not None]
            pairs = copies.direct([(d.source.path, a) for d, a in known], max_per_document=opts.max_candidates,
                                  across_files=False)
            found = {known[k][0].index: ([known[o][0].index for o in v], frozenset()) for k, v in pairs.others.items()}
        elif len({a.key for a in who if a is not None}) >= 2:
            sketches = []
            for d in siblings:
                kept = dict(d.cache) if d is not doc else None
                s = copies.sketch(d, d.source.path, opts.min_chars, opts.num_perm)
                if kept is not None:  # a document not yet linted keeps no derived data of this one's
                    d.cache.clear()
                    d.cache.update(kept)
                if s is not None:
                    sketches.append(s)
            pairs = copies.candidates(sketches, threshold=opts.threshold, max_agencies=opts.max_agencies,
                                      max_per_document=opts.max_candidates, across_files=False)
            found = {sketches[k].index: ([sketches[o].index for o in v], pairs.common.get(k, frozenset()))
                     for k, v in pairs.others.items()}
        first.cache[key] = found
    by_index = {d.index: d for d in siblings}
    indices, common = found.get(doc.index, ([], frozenset()))
    return [by_index[i] for i in indices if i in by_index], common


def _own_windows(doc: Document, min_chars: int, common: frozenset[int]) -> list[Window]:
    """The document's windows less its common text: the common windows, and any window
    half of whose characters are common sentences (a template's sentence with a few words
    of the report's own before it). The common sentences are those of common windows that
    no other window holds, and where a common window has none of them, its own: a window
    that runs on from a report's own passage into a template is common, but the passage,
    which windows of its own hold, is not."""
    wins = windows(doc, min_chars)
    if not common:
        return wins
    units = own_sentences(doc)
    inside_common = {i for k in common if k < len(wins) for i in range(wins[k].first, wins[k].last + 1)}
    inside_other = {i for k, w in enumerate(wins) if k not in common for i in range(w.first, w.last + 1)}
    shared = inside_common - inside_other
    for k in common:
        if k < len(wins) and not any(i in shared for i in range(wins[k].first, wins[k].last + 1)):
            shared.update(range(wins[k].first, wins[k].last + 1))
    out = []
    for k, w in enumerate(wins):
        if k in common:
            continue
        inside = sum(len(units[i].text) for i in range(w.first, w.last + 1) if i in shared)
        if inside * 2 < len(w.text):
            out.append(w)
    return out


def describe(other: Document, same_file: bool) -> str:
    """How a finding names the other document: its path (or 本文件) and number in its file,
    and its agency."""
    from ...analysis.identity import agency
    from ...util.paths import display_path

    who = agency(other)
    where = "本文件" if same_file else display_path(other.source.path)
    if len(other.siblings) > 1:
        where += f"第{other.index}篇"
    return f"{where}（{who.name}）" if who is not None else where


class CrossAgencyCopy(Rule):
    """Finds a passage (60 characters or more once numbers and punctuation are removed) that
    a report shares with the report of another agency in the same run: a folder, several
    files, or several documents in one file. The text the national format mandates (headings,
    table labels, the fixed opening "本报告根据…编制", the statistics period) is removed
    first, and so are sentences that quote a law or a titled document (《…条例》) or forward
    a notice (转发, 印发): those are legitimately shared. One finding per pair of documents,
    on both, at the first shared passage, naming the other document (path, number in its
    file, agency) and counting the other shared passages. Text that many agencies of a
    batch share (more than `max-agencies`) is common phrasing and is not reported; the same
    agency's earlier report is repetition-rate's business. Options: `min-chars` (60),
    `min-similarity` (90), `max-agencies` (8).

    Candidates are found with MinHash signatures of character shingles and LSH (numpy),
    so a batch of thousands of reports is not compared pair by pair; each candidate is then
    confirmed on the two texts (rapidfuzz).

    ## Why
    《中华人民共和国政府信息公开条例》第五十条 makes each organ report its own year's work;
    the format (国办公开办函〔2021〕30号) names "内容雷同" among the failings for which those
    responsible are held to account. A report copied from another agency's carries its
    facts: another county's newspaper, another level's "全市" system.

    ## Example
    ```text
    profile: annual-report-2021
    第一篇：青山县民政局2023年政府信息公开工作年度报告
    一、总体情况
    本局依托县融媒体中心开设政策解读专栏，围绕低保救助、养老服务、婚姻登记等群众关切事项，采取图文、短视频和在线访谈相结合的方式开展解读，全年组织社区宣讲活动十二场，印制发放明白纸三千余份，群众知晓率明显提升。
    二、存在的主要问题及改进情况
    基层信息更新不够及时。明年将建立月度更新台账。
    第二篇：白水县林业局2023年政府信息公开工作年度报告
    一、总体情况
    本局依托县融媒体中心开设政策解读专栏，围绕低保救助、养老服务、婚姻登记等群众关切事项，采取图文、短视频和在线访谈相结合的方式开展解读，全年组织社区宣讲活动十二场，印制发放明白纸三千余份，群众知晓率明显提升。
    二、存在的主要问题及改进情况
    林权信息公开不够全面。明年将公开林权流转结果。
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    第一篇：青山县民政局2023年政府信息公开工作年度报告
    一、总体情况
    本局依托县融媒体中心开设政策解读专栏，围绕低保救助、养老服务、婚姻登记等群众关切事项，采取图文、短视频和在线访谈相结合的方式开展解读，全年组织社区宣讲活动十二场，印制发放明白纸三千余份，群众知晓率明显提升。
    二、存在的主要问题及改进情况
    基层信息更新不够及时。明年将建立月度更新台账。
    第二篇：白水县林业局2023年政府信息公开工作年度报告
    一、总体情况
    本局在门户网站集中公开森林防火、林木采伐许可和古树名木保护信息，对林长制工作进展按季度发布通报，并邀请护林员代表参与政策解读直播，回应林农关于生态补偿资金发放的咨询。
    二、存在的主要问题及改进情况
    林权信息公开不够全面。明年将公开林权流转结果。
    ```
    """

    code = "DL802"
    name = "cross-agency-copy"
    options_model = staticmethod(_options)
    #: In a batch the engine attaches the candidates of other files (``Document.others``).
    needs_batch = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        opts = self.options
        from ...analysis.identity import agency

        if agency(doc) is None:
            return
        if doc.others is not None:
            others, common = doc.others, doc.common
        else:
            others, common = _sibling_candidates(doc, opts)
        if not others:
            return
        mine = _own_windows(doc, opts.min_chars, common)
        if not mine:
            return
        units = own_sentences(doc)
        for other in others:
            theirs = "".join(u.text for u in own_sentences(other))
            shared = shared_passages(mine, theirs, opts.min_similarity)
            if shared is None:
                continue
            first, last = shared.runs[0]
            start = units[first]
            end = next((u for u in reversed(units[first:last + 1]) if u.block is start.block), start)
            raw = start.block.text[start.start:end.end].strip().replace("“", "‘").replace("”", "’")
            quote = raw[:_QUOTE] + ("…" if len(raw) > _QUOTE else "")
            more = f"，另有{len(shared.runs) - 1}段" if len(shared.runs) > 1 else ""
            name = describe(other, other.source is doc.source)
            yield self.at(start.block, start.start, end.end,
                          f"与{name}的报告有相同段落“{quote}”{more}：如系照抄，请按本机关的实际情况重写")
