"""The statistical tables of the annual report: a model (tables → rows → cells) and a parser
that fills it from the table lines of the document model.

The model is plain records, so another reader (a .docx reader taking Word table cells)
can fill it directly: a :class:`StatTable` has :class:`Row` objects, each with
:class:`Cell` objects that carry a canonical column key, the text as written and its
place (block + offsets into ``block.text``, ``cell.pos`` as a :class:`Pos`) so findings can
point at a cell.

Text shapes the parser reads:

* Markdown tables (``| label | 1 | 2 |``), one row per line, blank cells kept;
* tab-separated rows, blank cells kept;
* space-separated rows (``行政许可 97``): the trailing run of numbers are the cells;
* PDF-extracted text: labels broken over several lines (joined before matching), cells on the
  lines after their label (collected until the row is full), rows whose label was extracted
  away from its numbers (placed by the canonical row order between rows whose labels were
  read, only when the counts agree), row-spanning labels kept only on the first row.

Rows and columns are identified by their labels after normalisation (spaces, numbering,
bracket width, punctuation and quotes). Rows whose label cannot be read are placed by the
order of the format *between* rows whose labels were read, and only when the number of such
rows equals the number of rows missing there; otherwise they are reported as unreadable.
Column labels are used when a header row names every column; else the format's column
order applies (headers of PDF text and converted tables are usually garbled).
"""

from .format import resolve_row, table_format
from .model import CACHE_KEY, Cell, Evidence, Pos, Problem, Row, StatTable, Tables, Unreadable, iter_cells
from .normalise import norm, norm_label
from .parse import parse_tables, row_title

__all__ = ["CACHE_KEY", "Cell", "Evidence", "Pos", "Problem", "Row", "StatTable", "Tables", "Unreadable", "iter_cells", "norm",
           "norm_label", "parse_tables", "resolve_row", "row_title", "table_format"]
