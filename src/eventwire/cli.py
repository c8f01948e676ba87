"""The ``eventwire`` command line: a thin layer over the Python API.

Each command parses its options, makes one call into the API and prints the result.
Domain errors become a one-line message and exit status 1; rejected inputs are listed on
standard error and also make the exit status 1.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from . import api, exports, queries
from .config import DEFAULT_DB, DEFAULT_MODEL, PipelineConfig, ReadConfig
from .errors import EventwireError
from .model import Analysis, Rejection
from .parallel import default_workers
from .pipeline import Pipeline
from .store import Store

CONTEXT = {"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "EVENTWIRE",
           "max_content_width": 100}

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, show_envvar=True,
                         envvar="EVENTWIRE_DB", help="DuckDB database file.")
model_option = click.option("--model", default=DEFAULT_MODEL, show_default=True,
                            envvar="EVENTWIRE_MODEL", show_envvar=True,
                            help="spaCy pipeline to load (name or path).")
batch_option = click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
                            help="Articles per spaCy batch.")
max_bytes_option = click.option("--max-bytes", default=1_000_000, show_default=True,
                                type=click.IntRange(1),
                                help="Reject article bodies larger than this (UTF-8 bytes).")
workers_option = click.option("--workers", "-j", default=default_workers, show_default="CPUs",
                              type=click.IntRange(1),
                              help="Worker processes for the NLP (1: all in this process).")


def _reject_line(rej: Rejection) -> str:
    return f"rejected: {rej.origin}: {rej.reason}"


@click.group(context_settings=CONTEXT)
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.version_option(package_name="eventwire")
def main(verbose: int) -> None:
    """eventwire: dated news articles in, who said what, who did what to whom, when,
    where and according to whom out.

    \b
    Example:
      eventwire ingest stories/ --db news.duckdb && eventwire stats --db news.duckdb
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # trafilatura warns about markup it discards; the reader reports what matters
    logging.getLogger("trafilatura").setLevel(max(level, logging.ERROR))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="SCHEMA v1 JSON Lines, or a readable table.")
@model_option
@batch_option
@max_bytes_option
@workers_option
def extract(files: Sequence[str], fmt: str, model: str, batch_size: int, max_bytes: int,
            workers: int) -> None:
    """Analyse articles and print the results; nothing is stored.

    FILES are wire-format .txt files, .jsonl, .csv, .html, directories of them, or '-'
    for standard input.

    \b
    Example:
      eventwire extract story.txt --format jsonl > story.jsonl
    """
    pipeline = Pipeline(PipelineConfig(model=model, batch_size=batch_size))
    rejected = 0
    for result in api.extract_articles(files, read_config=ReadConfig(max_body_bytes=max_bytes),
                                       pipeline=pipeline, workers=workers):
        if isinstance(result, Rejection):
            rejected += 1
            click.echo(_reject_line(result), err=True)
        elif fmt == "jsonl":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            click.echo(format_analysis(result))
    if rejected:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True)
@db_option
@model_option
@batch_option
@max_bytes_option
@click.option("--commit-every", default=128, show_default=True, type=click.IntRange(1),
              help="Articles per database transaction.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when standard error is a terminal).")
@click.option("--reprocess", is_flag=True,
              help="Extract again articles stored already with the same content.")
@workers_option
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local",
              show_default=True,
              help="local: worker processes on this machine, into --db; spark: a PySpark job "
                   "(local[WORKERS]) writing Parquet to --output, for 'eventwire load-parquet'.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="--engine spark only: the Parquet directory to write (partitioned by date).")
def ingest(files: Sequence[str], db: str, model: str, batch_size: int, max_bytes: int,
           commit_every: int, progress: bool | None, reprocess: bool, workers: int,
           engine: str, output: Path | None) -> None:
    """Analyse articles and store them in the database.

    Articles already stored with the same content are skipped, so running the same
    command twice changes nothing, and a rerun after a crash finishes the job.
    With --engine spark the articles are analysed by a Spark job and written as Parquet
    to --output instead; 'eventwire load-parquet' then stores them.

    \b
    Example:
      eventwire ingest ../shared/corpus/afp_xinhua_1997_2006.jsonl --db afp.duckdb
      eventwire ingest stories/ --engine spark --output parquet/ --workers 2
    """
    if engine == "spark":
        from .engines.spark import run_spark_ingest

        if output is None:
            raise click.UsageError("--engine spark needs --output DIR")
        written = run_spark_ingest(files, output,
                                   read_config=ReadConfig(max_body_bytes=max_bytes),
                                   pipeline_config=PipelineConfig(model=model,
                                                                  batch_size=batch_size),
                                   master=f"local[{workers}]")
        for rej in written.rejected:
            click.echo(_reject_line(rej), err=True)
        click.echo(f"{output}: {written.line()}")
        if written.rejected:
            raise click.exceptions.Exit(1)
        return
    if output is not None:
        raise click.UsageError("--output applies to --engine spark only")
    from tqdm import tqdm

    bar = tqdm(unit="article", disable=None if progress is None else not progress,
               file=sys.stderr, dynamic_ncols=True)
    summary = api.ingest(files, db, read_config=ReadConfig(max_body_bytes=max_bytes),
                         pipeline_config=PipelineConfig(model=model, batch_size=batch_size),
                         batch_articles=commit_every, progress=bar.update,
                         on_total=lambda n: setattr(bar, "total", n), reprocess=reprocess,
                         workers=workers)
    bar.close()
    for rej in summary.rejected:
        click.echo(_reject_line(rej), err=True)
    click.echo(f"{db}: {summary.line()}")
    if summary.rejected:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def show(article_id: str, db: str, fmt: str) -> None:
    """Show one stored article with what was found in it.

    \b
    Example:
      eventwire show te3silver-AFP_ENG_19970401.0006 --db afp.duckdb
    """
    with api.open_store(db, read_only=True) as store:
        analysis = store.load_analysis(article_id)
    if fmt == "json":
        click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_analysis(analysis, body=True))


@main.command()
@db_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def stats(db: str, top: int, as_json: bool) -> None:
    """Counts of what the database holds, with the most frequent actors.

    \b
    Example:
      eventwire stats --db afp.duckdb --top 20
    """
    with api.open_store(db, read_only=True) as store:
        result = queries.stats(store, top=top)
    if as_json:
        click.echo(json.dumps(result, indent=1, default=str))
        return
    click.echo(format_stats(result))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default="jsonl",
              show_default=True, help="jsonl: SCHEMA v1 objects; csv/parquet: every table; "
                                      "gdelt: GDELT 2.0 event table (TSV); plover: PLOVER JSON "
                                      "records.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="jsonl/gdelt/plover: a file (default standard output); csv/parquet: a "
                   "directory (default ./eventwire-export).")
@click.option("--header", is_flag=True, help="gdelt only: start with a line of column names.")
def export(db: str, fmt: str, output: Path | None, header: bool) -> None:
    """Export the database: SCHEMA v1 JSON Lines, every table as CSV or Parquet, or the
    events as a GDELT 2.0-style event table or PLOVER JSON records.

    \b
    Example:
      eventwire export --format parquet -o out/ --db afp.duckdb
      eventwire export --format gdelt -o events.tsv --db afp.duckdb
    """
    if header and fmt != "gdelt":
        raise click.UsageError("--header applies to --format gdelt only")
    if fmt in ("csv", "parquet"):
        with api.open_store(db, read_only=True) as store:
            written = exports.export_tables(store, output or Path("eventwire-export"), fmt)
        for table, path in written.items():
            click.echo(f"{table}: {path}", err=True)
        return
    with api.open_store(db, read_only=True) as store:
        if output is None:
            _export_stream(store, fmt, sys.stdout, header=header)
            return
        with output.open("w", encoding="utf-8", newline="") as fh:
            n = _export_stream(store, fmt, fh, header=header)
    click.echo(f"wrote {n} {'articles' if fmt == 'jsonl' else 'events'} to {output}", err=True)


def _export_stream(store: Store, fmt: str, out: TextIO, *, header: bool) -> int:
    if fmt == "gdelt":
        return exports.export_gdelt(store, out, header=header)
    if fmt == "plover":
        from .kb import KnowledgeBase

        return exports.export_plover(store, out, codebook=KnowledgeBase.load().cameo)
    return exports.export_jsonl(store, out)


@main.command("quotes")
@db_option
@click.option("--speaker", help="Part of the speaker's name (case-insensitive).")
@click.option("--outlet", help="Outlet that relayed the quote, or the article's outlet or "
                               "wire credit.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]),
              help="First day (when said, else the article date).")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
@click.option("--contains", help="Text the quote contains (case-insensitive).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1),
              help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--distinct", is_flag=True,
              help="One row per distinct quote, however many articles repeat it, with its "
                   "counts of mentions, articles and outlets (not with --outlet).")
@click.option("--min-outlets", default=1, show_default=True, type=click.IntRange(1),
              help="--distinct only: quotes carried by at least this many outlets.")
def quotes_command(db: str, speaker: str | None, outlet: str | None, date_from: Any,
                   date_to: Any, contains: str | None, limit: int, fmt: str, distinct: bool,
                   min_outlets: int) -> None:
    """Who said what: stored quotes, filtered by speaker, outlet, date and text.

    \b
    Example:
      eventwire quotes --speaker Putin --outlet RT --from 2025-06-01 --db demo.duckdb
      eventwire quotes --distinct --min-outlets 2 --db afp.duckdb
    """
    if distinct or min_outlets > 1:
        if outlet:
            raise click.UsageError("--outlet does not apply to --distinct")
        with api.open_store(db, read_only=True) as store:
            frame = queries.distinct_quotes(
                store, speaker=speaker, contains=contains,
                date_from=date_from.date().isoformat() if date_from else None,
                date_to=date_to.date().isoformat() if date_to else None,
                min_outlets=min_outlets, limit=limit)
        echo_frame(frame, fmt, format_distinct_quotes,
                   dates=("first_day", "last_day", "first_seen", "last_seen"))
        return
    with api.open_store(db, read_only=True) as store:
        frame = queries.quotes(store, speaker=speaker, outlet=outlet,
                               date_from=date_from.date().isoformat() if date_from else None,
                               date_to=date_to.date().isoformat() if date_to else None,
                               contains=contains, limit=limit)
    echo_frame(frame, fmt, format_quotes, dates=("date",))


@main.command("events")
@db_option
@click.option("--actor", metavar="CODE",
              help="CAMEO actor code prefix on either side (RUS matches RUSGOV, RUSMIL and "
                   "actors of country RUS).")
@click.option("--dyad", nargs=2, metavar="A B", default=None,
              help="Events between A and B (code prefixes), in either direction.")
@click.option("--code", metavar="ROOT", help="CAMEO event root or code prefix (19, 190, 0211).")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]),
              help="First day (the event's day when its date gives one, else the article "
                   "date).")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
@click.option("--near", metavar="PLACE",
              help="A place name from the gazetteer (Kyiv; 'Paris, Texas').")
@click.option("--within", "within_km", default=100.0, show_default=True,
              type=click.FloatRange(0), metavar="KM", help="Distance around --near, in km.")
@click.option("--country", metavar="ISO3", help="Country of the event's place.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1),
              help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--distinct", is_flag=True,
              help="One row per distinct event, however many articles report it, with its "
                   "counts of mentions, articles and outlets (not with --near).")
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(1),
              help="--distinct only: events reported by at least this many articles.")
def events_command(db: str, actor: str | None, dyad: tuple[str, str] | None, code: str | None,
                   date_from: Any, date_to: Any, near: str | None, within_km: float,
                   country: str | None, limit: int, fmt: str, distinct: bool,
                   min_articles: int) -> None:
    """Who did what to whom: stored events, filtered by actor, dyad, CAMEO code, day and
    place.

    \b
    Example:
      eventwire events --actor RUS --code 19 --near Kyiv --within 50 --db demo.duckdb
      eventwire events --distinct --min-articles 3 --db afp.duckdb
    """
    if distinct or min_articles > 1:
        if near:
            raise click.UsageError("--near does not apply to --distinct")
        with api.open_store(db, read_only=True) as store:
            frame = queries.distinct_events(
                store, actor=actor, dyad=dyad or None, code=code,
                date_from=date_from.date().isoformat() if date_from else None,
                date_to=date_to.date().isoformat() if date_to else None, country=country,
                min_articles=min_articles, limit=limit)
        echo_frame(frame, fmt, format_distinct_events,
                   dates=("first_day", "last_day", "first_seen", "last_seen"))
        return
    with api.open_store(db, read_only=True) as store:
        frame = queries.events(store, actor=actor, dyad=dyad or None, code=code,
                               date_from=date_from.date().isoformat() if date_from else None,
                               date_to=date_to.date().isoformat() if date_to else None,
                               near=near, within_km=within_km, country=country, limit=limit)
    echo_frame(frame, fmt, format_events, dates=("day",))


@main.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(list(queries.PERIODS)), default="month",
              show_default=True, help="Length of a period.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
@click.option("--distinct", is_flag=True,
              help="Count each distinct event once, however many articles report it.")
@db_option
def dyad_command(a: str, b: str, by: str, fmt: str, distinct: bool, db: str) -> None:
    """Events between two actors over time: counts by quad class and summed Goldstein
    score per day, week or month. A and B are CAMEO actor code prefixes; both directions
    count.

    \b
    Example:
      eventwire dyad RUS UKR --by week --db demo.duckdb
      eventwire dyad CHN USA --distinct --db afp.duckdb
    """
    series = queries.distinct_dyad_series if distinct else queries.dyad_series
    with api.open_store(db, read_only=True) as store:
        frame = series(store, a, b, by=by)
    echo_frame(frame, fmt, format_series, dates=("period",))


@main.command("stories")
@db_option
@click.option("--id", "story_id", metavar="STORY", help="List the articles of this story.")
@click.option("--contains", help="Text in the story's title (case-insensitive).")
@click.option("--actor", help="Part of the name of an actor in one of its articles.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]),
              help="Stories with an article on or after this day.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]),
              help="Stories with an article on or before this day.")
@click.option("--min-articles", default=2, show_default=True, type=click.IntRange(1),
              help="Stories of at least this many articles.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1),
              help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
def stories_command(db: str, story_id: str | None, contains: str | None, actor: str | None,
                    date_from: Any, date_to: Any, min_articles: int, limit: int,
                    fmt: str) -> None:
    """Developing stories: articles grouped by the actors and dyads they share within a
    few days. With --id, the articles of one story in date order.

    \b
    Example:
      eventwire stories --actor Arafat --db afp.duckdb
      eventwire stories --id s1b2c3d4e5f6a7b8c --db afp.duckdb
    """
    with api.open_store(db, read_only=True) as store:
        if story_id:
            frame = queries.story_articles(store, story_id)
            echo_frame(frame, fmt, format_story_articles, dates=("date",))
            return
        frame = queries.stories(store, contains=contains, actor=actor,
                                date_from=date_from.date().isoformat() if date_from else None,
                                date_to=date_to.date().isoformat() if date_to else None,
                                min_articles=min_articles, limit=limit)
    echo_frame(frame, fmt, format_stories, dates=("first_date", "last_date"))


@main.command("mentions")
@click.argument("cluster_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
def mentions_command(cluster_id: str, db: str, fmt: str) -> None:
    """Every report of one distinct event or quote (an id from 'events --distinct' or
    'quotes --distinct'): article, outlet, day and the sentence or words it carries.

    \b
    Example:
      eventwire mentions 28154ed0dbea92cdc0fe --db afp.duckdb
    """
    with api.open_store(db, read_only=True) as store:
        frame = queries.mentions(store, cluster_id)
    echo_frame(frame, fmt, format_mentions, dates=("article_date", "day", "ingested_at"))


@main.command("load-parquet")
@click.argument("directory", type=click.Path(path_type=Path))
@db_option
@click.option("--commit-every", default=128, show_default=True, type=click.IntRange(1),
              help="Articles per database transaction.")
def load_parquet_command(directory: Path, db: str, commit_every: int) -> None:
    """Store the Parquet records written by 'eventwire ingest --engine spark'.

    Articles stored already with the same content are left as they are, so loading the
    same directory twice changes nothing.

    \b
    Example:
      eventwire load-parquet parquet/ --db news.duckdb
    """
    from .engines.parquet import load_parquet

    summary = load_parquet(directory, db, batch_articles=commit_every)
    for rej in summary.rejected:
        click.echo(_reject_line(rej), err=True)
    click.echo(f"{db}: {summary.line()}")
    if summary.rejected:
        raise click.exceptions.Exit(1)


@main.command("remerge")
@db_option
@click.option("--batch", "batch_articles", default=256, show_default=True,
              type=click.IntRange(1), help="Articles per transaction.")
def remerge_command(db: str, batch_articles: int) -> None:
    """Rebuild the distinct events, distinct quotes and stories from the stored records, in
    date order (for a database written before they existed; ingest keeps them up to date).

    \b
    Example:
      eventwire remerge --db afp.duckdb
    """
    with api.open_store(db) as store:
        n = store.remerge(batch_articles=batch_articles)
        counts = {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                  for t in ("event_clusters", "quote_clusters", "stories")}
    click.echo(f"{db}: {n} articles merged: {counts['event_clusters']} distinct events, "
               f"{counts['quote_clusters']} distinct quotes, {counts['stories']} stories")


@main.group("kb")
def kb_group() -> None:
    """Knowledge-base tools: import dictionaries as extra knowledge layers.

    \b
    Example:
      eventwire kb import-tabari Phoenix.Countries.actors.txt
    """


@kb_group.command("import-tabari")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="YAML layer to write (default: eventwire-kb/<FILE stem>.yaml).")
def kb_import_tabari(file: Path, output: Path | None) -> None:
    """Convert a TABARI/PETRARCH actors or agents dictionary into a YAML knowledge layer.

    Dated codes ([RUSGOV 030101-080731], [USAGOV >20090120]) keep their dates. Lines
    that cannot be read are skipped and counted. Load the layer from Python with
    KnowledgeBase.load(extra=[PATH]).

    \b
    Example:
      eventwire kb import-tabari ../shared/kb/phoenix/Phoenix.agents.txt -o kb/agents.yaml
    """
    from .kb.tabari import import_tabari

    summary = import_tabari(file, output or Path("eventwire-kb") / f"{file.stem}.yaml")
    click.echo(f"{summary.output}: {summary.line()}")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the UI to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
def serve_command(db: str, host: str, port: int) -> None:
    """Serve a read-only web UI over the database: search, articles with highlights,
    speakers, dyads, the actor network and a map; every page has a JSON twin (.json).
    An ingest may run into the same database meanwhile (docs/web.md).

    \b
    Example:
      eventwire serve --db demo.duckdb --port 8000
    """
    from .errors import NotFoundError
    from .web import serve

    if not Path(db).exists():
        raise NotFoundError(f"{db}: no such database (run 'eventwire ingest' first)")
    click.echo(f"serving {db} read-only at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    serve(db, host=host, port=port)


# -- formatting -------------------------------------------------------------------------------
def echo_frame(frame: Any, fmt: str, table: Callable[[Any], str], *,
               dates: Sequence[str] = ()) -> None:
    """Print a query's DataFrame as JSON Lines (dates as ISO strings), CSV or a table."""
    if fmt == "jsonl":
        frame = frame.assign(**{c: frame[c].astype("string") for c in dates})
        click.echo(frame.to_json(orient="records", lines=True, force_ascii=False).rstrip("\n"))
    elif fmt == "csv":
        click.echo(frame.to_csv(index=False).rstrip("\n"))
    else:
        click.echo(table(frame))


def format_analysis(analysis: Analysis, *, body: bool = False) -> str:
    d = analysis.to_dict()
    art = d["article"]
    lines = [f"== {art['id']}  date={art['date'] or '-'}  outlet={art['outlet'] or '-'}  "
             f"wire_credit={art['wire_credit'] or '-'}"]
    if art["title"]:
        lines.append(f"   {art['title']}")
    if body:
        text = analysis.article.body
        lines.append("   " + (text[:400] + (" ..." if len(text) > 400 else "")).replace(
            "\n\n", "\n   "))
    counts = ", ".join(f"{n} {k}" for k, n in analysis.counts().items())
    lines.append(f"   {counts}")
    for actor in d["actors"]:
        extra = " ".join(x for x in (actor["country"], actor["sector"], actor["code"]) if x)
        lines.append(f"   actor  {actor['name']:<32} {actor['kind']:<12} {extra:<20} "
                     f"x{len(actor['mentions'])}")
    for q in d["quotes"]:
        lines.append(f"   quote  {q['speaker'] or '?'} ({q['cue']}): {q['content'][:80]}")
    for e in d["events"]:
        lines.append(f"   event  {e['source'] or '?'} -{e['cameo']}-> {e['target'] or '?'}")
    return "\n".join(lines)


def format_quotes(frame: Any) -> str:
    if frame.empty:
        return "no quotes match"
    lines = []
    for row in frame.itertuples(index=False):
        day = row.said_on if isinstance(row.said_on, str) else row.date
        via = f"  [via {row.reported_by}]" if isinstance(row.reported_by, str) else ""
        content = " ".join(str(row.content).split())
        content = content if len(content) <= 110 else content[:107] + "..."
        lines.append(f"{day}  {row.speaker or '?'} ({row.cue or '-'}, {row.kind}){via}\n"
                     f"    {content}")
    return "\n".join(lines)


def format_events(frame: Any) -> str:
    if frame.empty:
        return "no events match"
    lines = []
    for row in frame.itertuples(index=False):
        day = row.day.isoformat() if hasattr(row.day, "isoformat") else "----------"
        given = f" ({row.date})" if isinstance(row.date, str) and row.date != day else ""
        source = _who(row.source, row.source_code)
        target = _who(row.target, row.target_code)
        where = f"  @ {row.place}" if isinstance(row.place, str) else ""
        via = f"  [via {row.reported_by}]" if isinstance(row.reported_by, str) else ""
        negated = "  NOT" if row.negated else ""
        evidence = " ".join(str(row.evidence or "").split())
        evidence = evidence if len(evidence) <= 110 else evidence[:107] + "..."
        lines.append(f"{day}{given}  {source} -[{row.cameo} {row.plover or '-'}]-> {target}  "
                     f"q{row.quad_class} {row.goldstein:+.1f}{where}{via}{negated}\n"
                     f"    {evidence}")
    return "\n".join(lines)


def _short(text: Any, width: int = 110) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[:width - 3] + "..."


def _day(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else "----------"


def format_distinct_events(frame: Any) -> str:
    if frame.empty:
        return "no events match"
    lines = []
    for row in frame.itertuples(index=False):
        span = _day(row.first_day) + ("" if row.last_day == row.first_day
                                      else f"..{_day(row.last_day)}")
        where = f"  @ {row.place}" if isinstance(row.place, str) else ""
        lines.append(f"{span}  {_who(row.source, row.source_code)} -[{row.cameo}]-> "
                     f"{_who(row.target, row.target_code)}{where}\n"
                     f"    {row.n_articles} articles, {row.n_outlets} outlets, "
                     f"{row.n_mentions} mentions  [{row.cluster_id}]")
    return "\n".join(lines)


def format_distinct_quotes(frame: Any) -> str:
    if frame.empty:
        return "no quotes match"
    lines = []
    for row in frame.itertuples(index=False):
        lines.append(f"{_day(row.first_day)}  {row.speaker or '?'} ({row.kind}): "
                     f"{row.n_outlets} outlets, {row.n_mentions} mentions  [{row.cluster_id}]"
                     f"\n    {_short(row.content)}")
    return "\n".join(lines)


def format_mentions(frame: Any) -> str:
    if frame.empty:
        return "no such event or quote"
    return "\n".join(f"{_day(row.day)}  {row.outlet or '-'}  {row.article_id}\n"
                     f"    {_short(row.text)}" for row in frame.itertuples(index=False))


def format_stories(frame: Any) -> str:
    if frame.empty:
        return "no stories match"
    return "\n".join(f"{_day(row.first_date)}..{_day(row.last_date)}  {row.n_articles:>4}  "
                     f"{_short(row.title, 80)}  [{row.story_id}]"
                     for row in frame.itertuples(index=False))


def format_story_articles(frame: Any) -> str:
    if frame.empty:
        return "no such story"
    return "\n".join(f"{_day(row.date)}  {row.outlet or '-'}  {_short(row.title, 80)}  "
                     f"[{row.article_id}]" for row in frame.itertuples(index=False))


def _who(name: Any, code: Any) -> str:
    name = name if isinstance(name, str) else "?"
    return f"{name} [{code}]" if isinstance(code, str) else name


def format_series(frame: Any, *, width: int = 40) -> str:
    """One line a period; the bar has one '=' per cooperation event (quad classes 1-2) and
    one '#' per conflict event (3-4), scaled down when the busiest period is wider."""
    if frame.empty:
        return "no events match"
    scale = min(1.0, width / max(1, int(frame["events"].max())))
    lines = [f"{'period':<10}  {'q1':>4} {'q2':>4} {'q3':>4} {'q4':>4} {'events':>6} "
             f"{'goldstein':>9}"]
    for row in frame.itertuples(index=False):
        coop, conflict = row.q1 + row.q2, row.q3 + row.q4
        bar = "=" * round(coop * scale) + "#" * round(conflict * scale)
        lines.append(f"{row.period.isoformat():<10}  {row.q1:>4} {row.q2:>4} {row.q3:>4} "
                     f"{row.q4:>4} {row.events:>6} {row.goldstein:>9.1f}  {bar}".rstrip())
    return "\n".join(lines)


def format_stats(result: dict[str, Any]) -> str:
    c = result["counts"]
    d = result["dates"]
    lines = [f"articles {c['articles']}  ({d['first'] or '-'} .. {d['last'] or '-'})",
             "records  " + ", ".join(f"{c[t]} {t}" for t in
                                     ("actors", "mentions", "quotes", "events", "times",
                                      "places")),
             f"rejected inputs {c['rejected']}", "", "top actors (articles, mentions):"]
    for a in result["top_actors"]:
        lines.append(f"  {a['name']:<34} {a['kind']:<12} {a['country'] or '':<4} "
                     f"{a['articles']:>6} {a['mentions']:>7}")
    lines.append("wire credits: " + ", ".join(f"{r['wire_credit']} {r['articles']}"
                                              for r in result["wire_credits"]))
    lines.append("outlets: " + ", ".join(f"{r['outlet']} {r['articles']}"
                                         for r in result["outlets"]))
    return "\n".join(lines)


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point that turns domain errors into a one-line message (used by ``main``)."""
    try:
        # without standalone mode, click returns the code of an Exit raised by a command
        code = main.main(args=list(argv) if argv is not None else None, standalone_mode=False)
        return code if isinstance(code, int) else 0
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        return 1
    except BrokenPipeError:  # the reader of our output went away (| head)
        return 0
    except OSError as exc:  # an output file or folder that cannot be written
        click.echo(f"eventwire: error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        return 1


def entry() -> None:
    """Console script ``eventwire``."""
    sys.exit(run())
