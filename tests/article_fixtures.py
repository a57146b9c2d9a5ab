"""A small data folder with the article texts and the offsets of CONTRACT.md, made up for
the article-page tests (fictional people): `texts/<doc_id>.txt`, the five tables with
start/end and evidence_start/evidence_end, `mentions` and `agreements`.

Offsets are found in the texts here, so the rows always point at the words they name.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from report_fixtures import write_tables

A1, B2, C3 = "a1", "б 2", "c3"   # B2: a doc_id that is no file name as it is; C3: no text kept

TEXT_A1 = (
    "Астраханская область и Атырауская область договорились о поставках\n\n"
    "Губернатор Астраханской области Иван Петров 22 ноября 2022 года встретился с акимом "
    "Атырауской области Ерланом Касымовым. "
    "Стороны обсудили судостроение, а товарооборот вырос до 1,2 млрд долларов.\n"
    "В ходе встречи подписано соглашение о сотрудничестве в сфере образования.\n"
    "Ранее, в сентябре 2021 года, делегация региона посетила Атыраускую область."
)
TEXT_B2 = "Олег Смирнов провёл переговоры с делегацией <Казахстана> & обсудил торговлю."


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of phrase in text."""
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return starts[nth], starts[nth] + len(phrase)


def sentence(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of the sentence (up to its full stop, within its line) holding phrase."""
    s, e = span(text, phrase)
    start = max(text.rfind(". ", 0, s) + 2, text.rfind("\n", 0, s) + 1)
    return start, text.index(".", e) + 1


def offsets(text: str, phrase: str, evidence: str | None = None, nth: int = 0) -> dict:
    (s, e), (es, ee) = span(text, phrase, nth), sentence(text, evidence or phrase)
    return dict(start=s, end=e, evidence_start=es, evidence_end=ee)


def mention(doc_id: str, text: str, kind: str, value: str, phrase: str, nth: int = 0) -> dict:
    return dict(doc_id=doc_id, kind=kind, value=value, text=phrase, **offsets(text, phrase, nth=nth))


def article_tables() -> dict[str, pd.DataFrame]:
    t, b = TEXT_A1, TEXT_B2
    doc = dict(event_date_precision="day", status="ok", sha256="0" * 64, duplicate_of="")
    documents = [
        dict(doc, doc_id=A1, title="Астраханская область и <Атырауская> область", published="2022-11-23",
             event_date="2022-11-22", ru_regions=["Астраханская область"], kz_regions=["Атырауская область"],
             url="https://example.org/a1?x=1&y=2", source="ТАСС", path="in/a1.txt"),
        dict(doc, doc_id=B2, title="Переговоры", published="2022-11-23", event_date="2022-11-22",
             ru_regions=["Астраханская область"], kz_regions=[], url="javascript:alert(1)", source="",
             path="in/б 2.txt"),
        dict(doc, doc_id=C3, title="Без текста", published="2021-03-01", event_date="2021-03-01",
             ru_regions=["Астраханская область"], kz_regions=[], url="", source="", path="in/c3.txt"),
    ]
    s2 = sentence(t, "Иван Петров")
    meetings = [
        dict(meeting_id=f"{A1}#1", doc_id=A1, date="2022-11-22", date_precision="day", kind="meeting",
             ru_region="Астраханская область", kz_regions=["Атырауская область"], place="",
             is_primary=True, evidence=t[s2[0]:s2[1]], evidence_start=s2[0], evidence_end=s2[1]),
        dict(meeting_id=f"{A1}#2", doc_id=A1, date="2021-09", date_precision="month", kind="delegation",
             ru_region="Астраханская область", kz_regions=["Атырауская область"], place="",
             is_primary=False, **{k: v for k, v in offsets(t, "делегация региона").items() if "evidence" in k}),
        dict(meeting_id=f"{B2}#1", doc_id=B2, date="2022-11-22", date_precision="day", kind="meeting",
             ru_region="Астраханская область", kz_regions=[], place="", is_primary=True,
             evidence=b, evidence_start=0, evidence_end=len(b)),
        dict(meeting_id=f"{C3}#1", doc_id=C3, date="2021-03-01", date_precision="day", kind="meeting",
             ru_region="Астраханская область", kz_regions=[], place="", is_primary=True, evidence="",
             evidence_start="", evidence_end=""),
    ]
    participants = [
        dict(doc_id=A1, meeting_id=f"{A1}#1", name="Иван Петров", role="governor", side="RU",
             mention="Иван Петров", **offsets(t, "Иван Петров")),
        dict(doc_id=A1, meeting_id=f"{A1}#1", name="Ерлан Касымов", role="akim", side="KZ",
             mention="Ерланом Касымовым", **offsets(t, "Ерланом Касымовым")),
        dict(doc_id=B2, meeting_id=f"{B2}#1", name="Олег Смирнов", role="governor", side="RU",
             mention="Олег Смирнов", **offsets(b, "Олег Смирнов")),
        dict(doc_id=C3, meeting_id=f"{C3}#1", name="Анна Волкова", role="governor", side="RU",
             mention="Анна Волкова", start="", end="", evidence_start="", evidence_end=""),
    ]
    sectors = [
        dict(doc_id=A1, meeting_id=f"{A1}#1", sector="shipbuilding", evidence="",
             **offsets(t, "судостроение")),
        # the words that named the sector hold the figure: nested marks
        dict(doc_id=A1, meeting_id=f"{A1}#1", sector="trade", evidence="",
             **offsets(t, "товарооборот вырос до 1,2 млрд долларов")),
        dict(doc_id=A1, meeting_id=f"{A1}#1", sector="education", evidence="", **offsets(t, "образования")),
        dict(doc_id=B2, meeting_id=f"{B2}#1", sector="trade", evidence="", **offsets(b, "торговлю")),
    ]
    figures = [
        dict(doc_id=A1, meeting_id=f"{A1}#1", kind="trade", value=1.2e9, unit="USD", qualifier="",
             scope="regional", evidence="", **offsets(t, "1,2 млрд долларов")),
    ]
    agreements = [
        dict(agreement_id=f"{A1}#a1", doc_id=A1, meeting_id=f"{A1}#1", kind="agreement",
             subject="о сотрудничестве в сфере образования", ru_parties=["Астраханская область"],
             kz_parties=["Атырауская область"], date="2022-11-22", date_precision="day", status="signed",
             term="", evidence="", **offsets(t, "соглашение")),
    ]
    mentions = [
        mention(A1, t, "region", "Астраханская область", "Астраханской области"),
        mention(A1, t, "person", "Иван Петров", "Иван Петров"),
        mention(A1, t, "date", "2022-11-22", "22 ноября 2022 года"),
        # a region inside a person's mention (the mention with the title before the name)
        mention(A1, t, "person", "Ерлан Касымов", "акимом Атырауской области Ерланом Касымовым"),
        mention(A1, t, "region", "Атырауская область", "Атырауской области"),
        mention(A1, t, "sector", "shipbuilding", "судостроение"),
        mention(A1, t, "sector", "trade", "товарооборот вырос до 1,2 млрд долларов"),
        mention(A1, t, "figure", "1200000000 USD", "1,2 млрд долларов"),
        mention(A1, t, "agreement", "agreement", "соглашение"),
        mention(A1, t, "sector", "education", "образования"),
        mention(A1, t, "date", "2021-09", "в сентябре 2021 года"),
        mention(A1, t, "region", "Атырауская область", "Атыраускую область"),
        mention(B2, b, "person", "Олег Смирнов", "Олег Смирнов"),
        mention(B2, b, "sector", "trade", "торговлю"),
    ]
    return {"documents": pd.DataFrame(documents), "meetings": pd.DataFrame(meetings),
            "participants": pd.DataFrame(participants), "sectors": pd.DataFrame(sectors),
            "figures": pd.DataFrame(figures), "agreements": pd.DataFrame(agreements),
            "mentions": pd.DataFrame(mentions)}


#: Rows that must not be highlighted: words that are not the article's at their offsets (a
#: text from another run) and offsets past its end.
BAD_MENTIONS = [dict(doc_id=A1, kind="person", value="Пётр Иванов", text="Пётр Иванов", start=0, end=11,
                     evidence_start=0, evidence_end=20),
                dict(doc_id=A1, kind="region", value="Омская область", text="Омская область",
                     start=len(TEXT_A1) - 2, end=len(TEXT_A1) + 12, evidence_start=0, evidence_end=5)]


OFFSETS = ("start", "end", "evidence_start", "evidence_end")


def write_article_data(folder: Path, texts: bool = True, bad: bool = False, offsets: bool = True) -> Path:
    """The tables (CSV and Parquet, as the extractor writes them) and, with `texts`, the
    texts of A1 and B2 (C3 has none). `bad` adds BAD_MENTIONS; `offsets=False` writes the
    tables as they were before the offsets (no offset columns, no mentions, no agreements)."""
    tables = article_tables()
    if not offsets:
        tables = {name: df.drop(columns=[c for c in OFFSETS if c in df]) for name, df in tables.items()
                  if name not in ("mentions", "agreements")}
    if bad:
        tables["mentions"] = pd.concat([tables["mentions"], pd.DataFrame(BAD_MENTIONS)], ignore_index=True)
    for name in ("meetings", "participants", "sectors", "figures"):  # empty offsets, as in CSV
        for col in OFFSETS:
            if col in tables[name]:
                tables[name][col] = tables[name][col].astype(str)
    flat = dict(tables)
    if "agreements" in flat:
        flat["agreements"] = flat["agreements"].assign(
            **{col: flat["agreements"][col].map(";".join) for col in ("ru_parties", "kz_parties")})
    write_tables(folder, flat)
    if texts:
        (folder / "texts").mkdir(parents=True, exist_ok=True)
        for doc_id, text in ((A1, TEXT_A1), (B2, TEXT_B2)):
            (folder / "texts" / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
    return folder
