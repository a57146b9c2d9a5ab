-- The analyst's views over the Parquet dataset (analysis/query.py runs this file).
--
-- raw.<table> is each table of OUT/dataset as written, with its `year` partition
-- column; an unqualified table name (documents, meetings...) is the same rows.
-- raw.currencies is the units of vocab/units.csv whose base is money (RUB, USD...).
-- The views count what the reports count (analysis/report/dataset.py): documents
-- read and not a repeat of another (an event is counted once); an undated main
-- meeting takes its article's event date; a meeting without a region or partner
-- takes its article's (the region only when the article names one). Dates are ISO
-- strings at their precision; one without a year (--MM-DD) is no first or last date.
-- Statements end with ";" at the end of a line. The reports take full_names and
-- facts_per_document from here too (analysis/report/source.py), over every row read.

-- Articles whose facts are counted: read, and not a copy of another one.
CREATE VIEW counted_documents AS
SELECT * FROM raw.documents
WHERE coalesce(status, '') IN ('ok', '') AND coalesce(duplicate_of, '') = '';

-- Meetings of counted articles, completed from their article as the reports do.
CREATE VIEW counted_meetings AS
WITH m AS (
    SELECT m.* EXCLUDE (date, date_precision, ru_region, kz_regions),
           CASE WHEN coalesce(m.date, '') = '' AND m.is_primary THEN d.event_date ELSE m.date END AS date,
           CASE WHEN coalesce(m.date, '') = '' AND m.is_primary THEN d.event_date_precision
                ELSE m.date_precision END AS date_precision,
           coalesce(nullif(m.ru_region, ''),
                    CASE WHEN len(d.ru_regions) = 1 THEN d.ru_regions[1] ELSE '' END) AS ru_region,
           CASE WHEN len(m.kz_regions) > 0 THEN m.kz_regions
                WHEN m.is_primary THEN d.kz_regions ELSE [] END AS kz_regions
    FROM raw.meetings m JOIN counted_documents d USING (doc_id)
)
SELECT *, CASE WHEN date_precision IN ('day', 'month', 'year') THEN date END AS dated
FROM m;

-- Russian region x Kazakh partner: one row per pair, with its meetings. kz_region is ''
-- for meetings whose article names no Kazakh region (Kazakhstan as a whole: an
-- ambassador, a consul general).
CREATE VIEW meetings_by_pair AS
WITH pairs AS (
    SELECT meeting_id, doc_id, ru_region, dated,
           unnest(CASE WHEN len(kz_regions) > 0 THEN kz_regions ELSE [''] END) AS kz_region
    FROM counted_meetings
    WHERE ru_region <> ''
)
SELECT ru_region, kz_region,
       count(DISTINCT meeting_id) AS meetings,
       count(DISTINCT doc_id) AS documents,
       min(dated) AS first_date,
       max(dated) AS last_date
FROM pairs
GROUP BY ru_region, kz_region
ORDER BY meetings DESC, ru_region, kz_region;

-- Agreements, memoranda, road maps...: with their meeting's Russian region and the article.
CREATE VIEW agreements AS
SELECT a.*, m.ru_region, d.title, d.url, d.source
FROM raw.agreements a
JOIN counted_documents d ON d.doc_id = a.doc_id
LEFT JOIN counted_meetings m ON m.meeting_id = a.meeting_id
ORDER BY a.date NULLS LAST, a.agreement_id;

-- One row per person (person_key): the name most often written, the side, and the
-- roles in the order first held, each with the first and last date it is seen.
CREATE VIEW people AS
WITH seen AS (
    SELECT coalesce(nullif(p.person_key, ''), lower(p.name)) AS person_key, p.name, p.role,
           p.side, p.meeting_id, m.dated AS date,
           CASE WHEN p.side = 'RU' THEN [m.ru_region] ELSE m.kz_regions END AS regions
    FROM raw.participants p
    JOIN counted_documents d ON d.doc_id = p.doc_id
    LEFT JOIN counted_meetings m ON m.meeting_id = p.meeting_id
), names AS (
    SELECT person_key, name FROM seen GROUP BY person_key, name
    QUALIFY row_number() OVER (PARTITION BY person_key
                               ORDER BY count(*) DESC, length(name) DESC, name) = 1
), roles AS (
    SELECT person_key, role, min(date) AS first_date, max(date) AS last_date
    FROM seen WHERE coalesce(role, '') <> '' GROUP BY person_key, role
), periods AS (
    SELECT person_key,
           list(role ORDER BY first_date NULLS LAST, role) AS roles,
           string_agg(role || ' (' || coalesce(first_date, '?') || ' – ' || coalesce(last_date, '?') || ')',
                      '; ' ORDER BY first_date NULLS LAST, role) AS roles_over_time
    FROM roles GROUP BY person_key
), places AS (
    SELECT person_key, list_sort(list(DISTINCT region)) AS regions
    FROM (SELECT person_key, unnest(regions) AS region FROM seen)
    WHERE coalesce(region, '') <> '' GROUP BY person_key
)
SELECT s.person_key, any_value(n.name) AS name,
       string_agg(DISTINCT s.side, ';' ORDER BY s.side) AS side,
       coalesce(any_value(r.roles), []) AS roles,
       coalesce(any_value(r.roles_over_time), '') AS roles_over_time,
       min(s.date) AS first_date,
       max(s.date) AS last_date,
       count(DISTINCT s.meeting_id) AS meetings,
       coalesce(any_value(pl.regions), []) AS regions
FROM seen s JOIN names n USING (person_key) LEFT JOIN periods r USING (person_key)
LEFT JOIN places pl USING (person_key)
GROUP BY s.person_key
ORDER BY meetings DESC, s.person_key;

-- Figures of a region, town or project (scope regional; older data has no scope and
-- was all regional), with the region they belong to: the figure's own ru_region where
-- the dataset has it, else its meeting's, else its article's when that names one.
-- `currency` is the unit of a money figure (RUB, USD, KZT...), '' for counts; values
-- are not converted, as the data holds no exchange rates.
CREATE VIEW figures_regional AS
WITH f AS (
    SELECT * FROM raw.figures
    UNION ALL BY NAME SELECT NULL::VARCHAR AS ru_region, NULL::VARCHAR AS scope WHERE false
)
SELECT f.doc_id, f.meeting_id, f.year,
       coalesce(nullif(f.ru_region, ''), nullif(m.ru_region, ''),
                CASE WHEN len(d.ru_regions) = 1 THEN d.ru_regions[1] ELSE '' END) AS ru_region,
       coalesce(m.kz_regions, d.kz_regions) AS kz_regions,
       CASE WHEN m.meeting_id IS NOT NULL THEN m.date ELSE d.event_date END AS date,
       f.kind, f.value, f.unit,
       CASE WHEN c.unit IS NOT NULL THEN f.unit ELSE '' END AS currency,
       f.qualifier, f.evidence
FROM f
JOIN counted_documents d ON d.doc_id = f.doc_id
LEFT JOIN counted_meetings m ON m.meeting_id = f.meeting_id
LEFT JOIN raw.currencies c ON c.unit = f.unit
WHERE coalesce(nullif(f.scope, ''), 'regional') = 'regional'
ORDER BY ru_region, date NULLS LAST, f.doc_id, f.value DESC;

-- person_key -> the one full name the data holds under it: what joins an article's
-- "Бабушкин И.Ю." to another's "Игорь Бабушкин", as the reports name people. A key
-- with two full names, or none, has no row.
CREATE VIEW full_names AS
SELECT person_key, min(coalesce(name, '')) AS name
FROM raw.participants
WHERE coalesce(person_key, '') <> '' AND strpos(coalesce(name, ''), '.') = 0
GROUP BY person_key
HAVING count(DISTINCT coalesce(name, '')) = 1;

-- Rows of the four fact tables per document (a document without any has no row).
CREATE VIEW facts_per_document AS
SELECT doc_id, count(*) AS facts
FROM (SELECT doc_id FROM raw.meetings UNION ALL SELECT doc_id FROM raw.participants
      UNION ALL SELECT doc_id FROM raw.sectors UNION ALL SELECT doc_id FROM raw.figures)
GROUP BY doc_id;
