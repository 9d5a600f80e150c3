"""Write this plugin's templates with rectimeet's template writer: ``python -m
rectimeet_jiangbei.build_templates``. Written from code, every Jinja tag sits in one run."""

from __future__ import annotations

from rectimeet.documents import build_templates as core
from rectimeet.documents import gbt9704 as gb
from rectimeet.documents.authoring import TemplateWriter
from rectimeet_jiangbei.minutes import TEMPLATES


def minutes(w: TemplateWriter) -> None:
    w.title("{{ doc.title }}")
    w.runs([("时　　间：", core.KAI), ("{{ time_text }}", None)], gb.STYLE_PLAIN)
    w.runs([("地　　点：", core.KAI), ("{{ meeting.venue }}", None)], gb.STYLE_PLAIN)
    w.runs([("主 持 人：", core.KAI), ("{{ host }}", None)], gb.STYLE_PLAIN)
    w.runs([("出　　席：", core.KAI), ("{{ present_text }}", None)], gb.STYLE_PLAIN)
    w.runs([("列　　席：", core.KAI), ("{{ observers_text }}", None)], gb.STYLE_PLAIN)
    w.runs([("缺　　席：", core.KAI), ("{{ absent_text }}", None)], gb.STYLE_PLAIN)
    w.runs([("记 录 人：", core.KAI), ("{{ recorder }}", None)], gb.STYLE_PLAIN)
    w.h1("一、会议议程")
    w.tag("for a in agenda")
    w.para("{{ a.number }}{{ a.text }}")
    w.tag("endfor")
    w.h1("二、会议记录")
    w.tag("for s in speakers")
    w.h2("{{ s.number }}{{ s.heading }}")
    for _ in range(6):
        w.blank()
    w.tag("endfor")
    w.blank()
    w.para("主持人签字：　　　　　　　　记录人签字：", gb.STYLE_PLAIN)
    w.para("{{ meeting.date_text }}", gb.STYLE_SIGNATURE)


def notice(w: TemplateWriter) -> None:
    core.notice(w)
    w.para("联系人：{{ org.unit }}办公室　　联系电话：", gb.STYLE_PLAIN)


def main() -> None:
    for name, build in (("minutes.docx", minutes), ("notice.docx", notice)):
        writer = TemplateWriter()
        build(writer)
        writer.save(TEMPLATES / name)
        print(TEMPLATES / name)


if __name__ == "__main__":
    main()
