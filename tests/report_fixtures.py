"""Small, realistic extraction tables for the report tests (no corpus text in here).

`seed_tables()` follows what the five seed articles report (regions, people, dates
and figures as SPEC.md wants them extracted); `rich_tables()` is a larger made-up
data set (fictional people) with several years, currencies and regions, for charts.
`write_tables(folder, tables)` writes them as the extractor does: CSV with `;`-joined
lists, and Parquet.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd

LIST_COLS = {"documents": ["ru_regions", "kz_regions"], "meetings": ["kz_regions"]}


def _doc(doc_id, title, published, event_date, prec, ru, kz, status="ok", source="", url=""):
    return dict(doc_id=doc_id, title=title, published=published, event_date=event_date,
                event_date_precision=prec, ru_regions=ru, kz_regions=kz, status=status,
                url=url, source=source, sha256="0" * 64, path=f"seeds/{doc_id}.txt")


def _meet(doc_id, n, date, prec, kind, ru, kz, place="", primary=True, evidence=""):
    return dict(meeting_id=f"{doc_id}#{n}", doc_id=doc_id, date=date, date_precision=prec, kind=kind,
                ru_region=ru, kz_regions=kz, place=place, is_primary=primary, evidence=evidence)


def _people(doc_id, n, *people):
    return [dict(doc_id=doc_id, meeting_id=f"{doc_id}#{n}", name=name, role=role, side=side,
                 mention=name) for name, role, side in people]


def _sectors(doc_id, n, *keys):
    return [dict(doc_id=doc_id, meeting_id=f"{doc_id}#{n}", sector=k, evidence=f"({k})") for k in keys]


def _fig(doc_id, n, kind, value, unit, qualifier, evidence):
    return dict(doc_id=doc_id, meeting_id=f"{doc_id}#{n}" if n else "", kind=kind, value=value,
                unit=unit, qualifier=qualifier, evidence=evidence)


D0, D1, D2, D3, D4, D5 = ("000_0c698b2cadf5fb37", "001_dabe20f1408b024f", "002_7fec1020505c673c",
                          "003_ac6e4927fc8ab90f", "004_e93665f458d34241", "005_broken")


def seed_tables() -> dict[str, pd.DataFrame]:
    documents = [
        _doc(D0, "Псковская область организует бизнес-миссию в Казахстан", "", "--01-29", "monthday",
             ["Псковская область"], ["Актюбинская область"], source="ТАСС"),
        _doc(D1, "Ленобласть укрепляет сотрудничество с Казахстаном", "", "2023", "year",
             ["Ленинградская область"], ["Жамбылская область"]),
        _doc(D2, "Сотрудничество Вологодской области и Казахстана: новые перспективы", "", "", "unknown",
             ["Вологодская область"], ["Алматинская область"]),
        _doc(D3, "Губернатор Астраханской области назвал Казахстан одним из основных зарубежных партнёров",
             "2020-12-22", "2020-12-22", "day", ["Астраханская область"], []),
        _doc(D4, "Казахстан является одним из основных зарубежных партнеров Астраханской области",
             "2022-11-27", "2022-11-22", "day", ["Астраханская область"], [],
             source="Деловой Казахстан", url="https://example.org/news/004"),
        _doc(D5, "", "", "", "unknown", [], [], status="rejected: not valid UTF-8 text"),
    ]
    meetings = [
        _meet(D0, 1, "--01-29", "monthday", "meeting", "Псковская область", ["Актюбинская область"],
              evidence="Встреча состоялась с участием генконсула Казахстана в Петербурге Дмитрия Михно."),
        _meet(D1, 1, "2023", "year", "meeting", "Ленинградская область", ["Жамбылская область"],
              place="Дом правительства"),
        _meet(D1, 2, "2022-09", "month", "delegation", "Ленинградская область", ["Жамбылская область"],
              primary=False),
        _meet(D2, 1, "", "unknown", "visit", "Вологодская область", []),
        _meet(D3, 1, "2020-12-22", "day", "meeting", "Астраханская область", []),
        _meet(D4, 1, "2022-11-22", "day", "meeting", "Астраханская область", []),
        _meet(D4, 2, "2022-11-28", "day", "forum", "Астраханская область", [], place="Оренбург",
              primary=False),
    ]
    participants = (
        _people(D0, 1, ("Михаил Ведерников", "governor", "RU"), ("Даурен Абаев", "ambassador", "KZ"),
                ("Дмитрий Михно", "consul_general", "KZ"))
        + _people(D1, 1, ("Александр Дрозденко", "governor", "RU"), ("Даурен Абаев", "ambassador", "KZ"))
        + _people(D2, 1, ("Георгий Филимонов", "governor", "RU"), ("Даурен Абаев", "ambassador", "KZ"))
        + _people(D3, 1, ("Игорь Бабушкин", "governor", "RU"), ("Ермек Кошербаев", "ambassador", "KZ"))
        + _people(D4, 1, ("Мадиев А.Е.", "consul_general", "KZ"), ("Бабушкин И.Ю.", "governor", "RU"),
                  ("Головков В.В.", "regional_minister", "RU"))
    )
    sectors = (
        _sectors(D0, 1, "industry", "education", "investment", "transport_logistics", "youth",
                 "history_memory")
        + _sectors(D1, 1, "agriculture", "culture", "tourism", "education", "youth", "trade",
                   "investment", "industry", "history_memory")
        + _sectors(D2, 1, "forestry", "industry", "agriculture", "trade", "education", "culture",
                   "tourism", "investment")
        + _sectors(D3, 1, "cross_border", "trade", "industry", "transport_logistics", "culture",
                   "tourism", "healthcare", "education", "shipbuilding", "history_memory")
        + _sectors(D4, 1, "trade", "shipbuilding", "transport_logistics", "education", "culture",
                   "investment", "tourism", "healthcare", "cross_border")
    )
    figures = [
        _fig(D0, 1, "students", 60000, "persons", "more_than",
             "В России, по его словам, учится более 60 тыс. казахстанских студентов."),
        _fig(D0, 1, "other", 1, "rank", "", "Казахстан занимает первое место."),
        _fig(D1, 1, "trade", 2, "rank", "",
             "По итогам первого полугодия 2023 года Казахстан занимает второе место по товарообороту, "
             "экспорту и импорту Ленинградской области со странами СНГ."),
        _fig(D1, 1, "jobs", 200, "jobs", "about",
             "Предприятие создаст порядка 200 рабочих мест, объём инвестиций – 2 млрд рублей."),
        _fig(D1, 1, "investment", 2_000_000_000, "RUB", "",
             "Предприятие создаст порядка 200 рабочих мест, объём инвестиций – 2 млрд рублей."),
    ]
    return {"documents": pd.DataFrame(documents), "meetings": pd.DataFrame(meetings),
            "participants": pd.DataFrame(participants), "sectors": pd.DataFrame(sectors),
            "figures": pd.DataFrame(figures)}


RICH_REGIONS = ["Астраханская область", "Омская область", "Оренбургская область",
                "Республика Татарстан", "Санкт-Петербург", "Челябинская область",
                "Ханты-Мансийский автономный округ — Югра"]
RICH_KZ = ["Атырауская область", "Павлодарская область", "Актюбинская область", "Астана",
           "Северо-Казахстанская область", "Костанайская область"]
FIRST = ["Иван", "Пётр", "Сергей", "Анна", "Олег", "Марат", "Ерлан", "Айгуль", "Нурлан", "Асель"]
LAST_RU = ["Петров", "Смирнов", "Кузнецов", "Волков", "Соколов", "Морозов", "Лебедев"]
LAST_KZ = ["Сатпаев", "Жумабаев", "Касымов", "Оспанов", "Нургалиев", "Ахметов"]


def rich_tables(seed: int = 7, n_docs: int = 36) -> dict[str, pd.DataFrame]:
    """A made-up corpus: 2019–2024, several regions, currencies and people."""
    rnd = random.Random(seed)
    sector_keys = ["trade", "industry", "agriculture", "transport_logistics", "energy", "education",
                   "culture", "tourism", "investment", "healthcare", "youth", "cross_border"]
    weights = [9, 6, 6, 5, 3, 6, 5, 3, 4, 2, 2, 3]
    ru_people = {r: [(f"{rnd.choice(FIRST[:5])} {rnd.choice(LAST_RU)}", "governor", "RU"),
                     (f"{rnd.choice(FIRST[:5])} {rnd.choice(LAST_RU)}а", "regional_minister", "RU")]
                 for r in RICH_REGIONS}
    kz_people = [("Даир Сатпаев", "ambassador", "KZ"), ("Ерлан Касымов", "consul_general", "KZ")] + [
        (f"{rnd.choice(FIRST[5:])} {rnd.choice(LAST_KZ)}", "akim", "KZ") for _ in RICH_KZ]
    docs, meets, parts, secs, figs = [], [], [], [], []
    for i in range(n_docs):
        doc_id = f"r{i:03d}"
        region = RICH_REGIONS[min(int(rnd.expovariate(0.45)), len(RICH_REGIONS) - 1)]
        year = rnd.choice([2019, 2020, 2021, 2022, 2022, 2023, 2023, 2023, 2024])
        prec = rnd.choice(["day"] * 6 + ["month", "year", "monthday"])
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        date = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}",
                "year": str(year), "monthday": f"--{month:02d}-{day:02d}"}[prec]
        kz_i = rnd.randrange(len(RICH_KZ) + 2)
        kz = [RICH_KZ[kz_i]] if kz_i < len(RICH_KZ) else []
        if i == 5:
            docs.append(_doc(doc_id, "", "", "", "unknown", [], [], status="rejected: empty file"))
            continue
        docs.append(_doc(doc_id, f"Новость {i}: {region} и Казахстан", "", date, prec, [region], kz,
                         source=rnd.choice(["ТАСС", "РИА Новости", "сайт правительства региона"]),
                         url=f"https://example.org/{doc_id}"))
        kind = rnd.choice(["meeting", "meeting", "visit", "delegation", "forum", "agreement"])
        meets.append(_meet(doc_id, 1, date, prec, kind, region, kz, evidence=f"Событие {i}."))
        people = [ru_people[region][0]] + ([ru_people[region][1]] if rnd.random() < .4 else [])
        people += [kz_people[0] if not kz else kz_people[2 + RICH_KZ.index(kz[0])]]
        if rnd.random() < .3:
            people.append(kz_people[1])
        parts += _people(doc_id, 1, *people)
        chosen = set(rnd.choices(sector_keys, weights, k=rnd.randint(1, 5)))
        secs += _sectors(doc_id, 1, *sorted(chosen))
        if rnd.random() < .5:
            unit, scale = rnd.choice([("RUB", 1e9), ("RUB", 1e6), ("KZT", 1e9), ("USD", 1e6)])
            val = rnd.choice([1.5, 2, 4, 12, 35, 120, 450]) * scale
            figs.append(_fig(doc_id, 1, "investment", val, unit, rnd.choice(["", "about", "more_than"]),
                             f"Объём инвестиций по проекту составит {val:,.0f} ({unit})."))
        if rnd.random() < .3:
            figs.append(_fig(doc_id, 1, "jobs", rnd.choice([50, 120, 300, 1000]), "jobs", "",
                             "Будет создано новых рабочих мест."))
        if rnd.random() < .3:
            figs.append(_fig(doc_id, 1, "trade", rnd.choice([1.2e8, 4.5e8, 1.1e9]), "USD", "",
                             "Товарооборот достиг суммы в долларах."))
        if rnd.random() < .2:
            figs.append(_fig(doc_id, 1, "trade", rnd.choice([12, 25.5]), "percent", "",
                             "Товарооборот вырос в процентах."))
        if rnd.random() < .2:
            figs.append(_fig(doc_id, 1, "students", rnd.choice([150, 800, 2400]), "persons", "more_than",
                             "В вузах региона учатся студенты из Казахстана."))
    return {"documents": pd.DataFrame(docs), "meetings": pd.DataFrame(meets),
            "participants": pd.DataFrame(parts), "sectors": pd.DataFrame(secs),
            "figures": pd.DataFrame(figs)}


def empty_tables() -> dict[str, pd.DataFrame]:
    from analysis.schema import COLUMNS
    return {name: pd.DataFrame(columns=cols) for name, cols in COLUMNS.items()}


def write_tables(folder: Path, tables: dict[str, pd.DataFrame], parquet: bool = True,
                 csv: bool = True) -> Path:
    """Write the tables as the extractor does: CSV (lists joined with `;`) and Parquet."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        flat = df.copy()
        for col in LIST_COLS.get(name, []):
            if col in flat:
                flat[col] = flat[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        if csv:
            flat.to_csv(folder / f"{name}.csv", index=False)
        if parquet:
            flat.to_parquet(folder / f"{name}.parquet", index=False)
    return folder


def _vocab_regions(country: str) -> list[str]:
    from analysis.vocabulary import read_vocab
    return [r["name_ru"] for r in read_vocab("regions")
            if r["country"] == country and r["kind"] == "region"]


def big_tables(n_docs: int = 10_000, seed: int = 11) -> dict[str, pd.DataFrame]:
    """A made-up corpus at the scale of issue 5: ~10,000 documents (1 % rejected, 3 % repeats
    of another, 1 % not about cooperation), one meeting each, ~3 participants, ~3 sectors and
    ~1 figure per meeting, about 70 Russian regions, 2015–2024. Built row by row with the
    extractor's columns (analysis.store.tables.COLUMNS plus duplicate_of); about a second."""
    from analysis.schema import COLUMNS
    rnd = random.Random(seed)
    ru_regions = _vocab_regions("RU")[:70]
    kz_regions = _vocab_regions("KZ")
    sector_keys = ["trade", "industry", "agriculture", "transport_logistics", "energy", "education",
                   "culture", "tourism", "investment", "healthcare", "youth", "cross_border"]
    initials = "АБВГДЕЗИКЛМНОПРСТ"

    def person(surnames: list[str], roles: list[str], side: str) -> tuple[str, str, str]:
        name = f"{rnd.choice(surnames)} {rnd.choice(initials)}.{rnd.choice(initials)}."
        return name, rnd.choice(roles), side

    people = {r: [person(LAST_RU, ["governor", "regional_minister"], "RU") for _ in range(8)]
              for r in ru_regions}
    kz_people = [person(LAST_KZ, ["akim", "ambassador"], "KZ") for _ in range(300)]
    rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    for i in range(n_docs):
        doc_id = f"b{i:05d}"
        region = ru_regions[min(int(rnd.expovariate(0.06)), len(ru_regions) - 1)]
        kz = rnd.choice(kz_regions)
        date = f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        doc = dict(doc_id=doc_id, title=f"Новость {i}: {region} и Казахстан", published=date,
                   event_date=date, event_date_precision="day", ru_regions=region, kz_regions=kz,
                   status="ok", path=f"articles/{doc_id}.txt", url=f"https://example.org/{doc_id}",
                   source=rnd.choice(["ТАСС", "РИА Новости", "Казинформ"]), sha256="0" * 64,
                   duplicate_of="", n_meetings=1, n_participants=3, n_sectors=3, n_figures=1)
        rows["documents"].append(doc)
        if i % 100 == 1:
            doc.update(status="rejected: binary file, not text", title="", ru_regions="", kz_regions="",
                       n_meetings=0, n_participants=0, n_sectors=0, n_figures=0)
            continue
        if i % 100 == 2:
            doc.update(title=f"Новость {i}: погода", ru_regions="", kz_regions="",
                       n_meetings=0, n_participants=0, n_sectors=0, n_figures=0)
            continue
        if i % 100 in (10, 20, 30):  # the same article as the one before it, with the same facts
            previous = rows["documents"][-2]
            doc.update({k: previous[k] for k in ("title", "event_date", "ru_regions", "kz_regions")},
                       duplicate_of=previous["doc_id"])
            region, kz, date = previous["ru_regions"], previous["kz_regions"], previous["event_date"]
        mid = f"{doc_id}#1"
        rows["meetings"].append(dict(meeting_id=mid, doc_id=doc_id, date=date, date_precision="day",
                                     kind=rnd.choice(["meeting", "visit", "forum", "agreement"]),
                                     ru_region=region, kz_regions=kz, place="", is_primary=True,
                                     evidence=f"Встреча {i} состоялась в рамках сотрудничества с Казахстаном."))
        for name, role, side in rnd.sample(people[region], 2) + [rnd.choice(kz_people)]:
            rows["participants"].append(dict(doc_id=doc_id, meeting_id=mid, name=name, role=role, side=side,
                                             mention=name, evidence=f"В переговорах участвовал {name}."))
        for key in rnd.sample(sector_keys, 3):
            rows["sectors"].append(dict(doc_id=doc_id, meeting_id=mid, sector=key, evidence=f"({key})"))
        value = rnd.choice([1.5, 2, 4, 12, 35, 120, 450]) * 1e9
        rows["figures"].append(dict(doc_id=doc_id, meeting_id=mid, kind="investment", value=value,
                                    unit=rnd.choice(["RUB", "KZT"]), qualifier="",
                                    evidence=f"Объём инвестиций составит {value:,.0f}."))
    return {name: pd.DataFrame(rows[name], columns=COLUMNS[name] + (["duplicate_of"] if name == "documents"
                                                                    and "duplicate_of" not in COLUMNS[name] else []))
            for name in COLUMNS}


def two_copies(duplicate_of: str = "a") -> dict[str, pd.DataFrame]:
    """Two documents reporting one meeting with one fact of each kind; `b` repeats `a`."""
    def doc(doc_id, dup):
        return dict(doc_id=doc_id, title="Омская область и Казахстан", published="2023-05-02",
                    event_date="2023-05-02", event_date_precision="day", ru_regions=["Омская область"],
                    kz_regions=["Павлодарская область"], status="ok", path=f"in/{doc_id}.txt",
                    duplicate_of=dup)
    return {
        "documents": pd.DataFrame([doc("a", ""), doc("b", duplicate_of)]),
        "meetings": pd.DataFrame([dict(meeting_id=f"{d}#1", doc_id=d, date="2023-05-02", date_precision="day",
                                       kind="meeting", ru_region="Омская область",
                                       kz_regions=["Павлодарская область"], is_primary=True) for d in "ab"]),
        "participants": pd.DataFrame([dict(doc_id=d, meeting_id=f"{d}#1", name="Иван Петров", role="governor",
                                           side="RU") for d in "ab"]),
        "sectors": pd.DataFrame([dict(doc_id=d, meeting_id=f"{d}#1", sector="trade") for d in "ab"]),
        "figures": pd.DataFrame([dict(doc_id=d, meeting_id=f"{d}#1", kind="investment", value=2e9, unit="RUB")
                                 for d in "ab"]),
    }


def scoped_tables(with_scope: bool = True) -> dict[str, pd.DataFrame]:
    """One Omsk article (issue 11): its main meeting with a regional investment of 2 bn roubles,
    a national one of more than 500 bn (Russian investment in Kazakhstan as a whole), and an
    earlier visit it recalls, whose two people took no part in the main meeting.
    `with_scope=False` drops the figures' scope column, as in data folders written before it."""
    doc = _doc("s1", "Омская область и Павлодарская область подписали соглашение", "2024-05-31",
               "2024-05-31", "day", ["Омская область"], ["Павлодарская область"], source="ТАСС")
    meetings = [
        _meet("s1", 1, "2024-05-31", "day", "meeting", "Омская область", ["Павлодарская область"]),
        _meet("s1", 2, "2020-09", "month", "visit", "Омская область", [], primary=False),
    ]
    participants = (_people("s1", 1, ("Виталий Хоценко", "governor", "RU"),
                            ("Асаин Байханов", "akim", "KZ"))
                    + _people("s1", 2, ("Александр Бурков", "governor", "RU"),
                              ("Ермек Кошербаев", "ambassador", "KZ")))
    figures = [
        dict(_fig("s1", 1, "investment", 2_000_000_000, "RUB", "",
                  "Омская компания вложит 2 млрд рублей в завод в Павлодаре."), scope="regional"),
        dict(_fig("s1", 0, "investment", 500_000_000_000, "RUB", "more_than",
                  "Российские инвестиции в экономику Казахстана превысили 500 млрд рублей."),
             scope="national"),
    ]
    tables = {"documents": pd.DataFrame([doc]), "meetings": pd.DataFrame(meetings),
              "participants": pd.DataFrame(participants),
              "sectors": pd.DataFrame(_sectors("s1", 1, "investment")), "figures": pd.DataFrame(figures)}
    if not with_scope:
        tables["figures"] = tables["figures"].drop(columns="scope")
    return tables


def visible_text(section) -> str:
    """A report section's words without its markup, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.html)).strip()
