"""GB/T 9704-2012 page set-up and named styles: the numbers and names.

The numbers come from the standard (GB/T 9704-2012 5.1, 5.2, 7.3, 7.5): A4, margins 37/35/28/26 mm, a 22 × 28
grid, 2号 title in 小标宋, 3号 body in 仿宋, headings 黑体 / 楷体 / 仿宋 / 仿宋 and page numbers
"— N —" in 4号 宋体. Fonts are set for ``w:eastAsia`` as well, with theme fonts removed, because
a theme attribute silently wins over an explicit font name in Word.

This module holds the numbers, fonts and style names only, so that rendering and converting
documents import no python-docx; :mod:`rectimeet.documents.gbt9704_docx` applies them to a
python-docx document when templates are written.
"""

from __future__ import annotations

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

LINE_PITCH_TWIPS = 579
"""28.95 pt: 22 lines fill the 225 mm text block (GB/T 9704-2012 5.2.3: 22 lines of 28 characters)."""

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 12  # 小四: an 8-column checklist must fit 156 mm

# The 28-character line. Word's own way, a "linesAndChars" grid with a negative w:charSpace
# (15.79 pt cells under a 16 pt font), is read differently by LibreOffice, which then sets each
# character in two cells (13-16 characters a line). So the grid is lines-only and every run is
# condensed by 0.25 pt instead: 28 × (16 − 0.25) pt = 441 pt fits the 442.2 pt text block and 29
# characters do not, in Word, WPS and LibreOffice alike.
CHAR_SPACING_TWIPS = -5

# A footer's bottom sits this far above the paper edge so that the "— N —" line starts about
# 7 mm below the text block (GB/T 9704 7.5): 35 mm − 7 mm − one 4号 line (≈ 5.5 mm).
FOOTER_DISTANCE_MM = 22.5

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
LANGUAGE = "zh-CN"
WESTERN_LANGUAGE = "en-US"
"""Language of Latin letters and digits. Under zh-CN LibreOffice breaks lines inside a digit run
("〔202 / 6〕"); under en-US (what Word sets for Chinese documents too) it does not."""

STYLE_TITLE = "公文标题"
STYLE_H1 = "一级标题"
STYLE_H2 = "二级标题"
STYLE_H3 = "三级标题"
STYLE_H4 = "四级标题"
STYLE_PLAIN = "顶格正文"
"""Body text without the first-line indent (主送机关, tag paragraphs, notes)."""
STYLE_SIGNATURE = "署名日期"
"""The 署名 and 成文日期; :mod:`rectimeet.documents.typeset` keeps them with the text above."""
STYLE_DOC_NUMBER = "发文字号"
STYLE_TABLE_TEXT = "表格文字"
STYLE_TABLE_HEAD = "表格标题"
STYLE_PAGE_NUMBER = "页码"
STYLE_TABLE = "公文表格"
CHAR_KAI = "楷体字符"
CHAR_HEI = "黑体字符"
