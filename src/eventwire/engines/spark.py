"""The Spark engine: ``eventwire ingest --engine spark --output DIR``.

The driver reads the articles (the same readers and validation as ``api.ingest``), hands
them to Spark as an RDD of ``(seq, article)`` pairs spread over the executors, and each
partition runs through ``Pipeline.pipe`` in ``analyse_partition``. The Pipeline (spaCy
model, knowledge base, gazetteer) is built once per Python worker and kept in a module
global, and Spark reuses its Python workers, so it is loaded once per executor slot, not
once per task. The results become Parquet records (``engines.parquet``) written
partitioned by date; ``eventwire load-parquet DIR --db PATH`` stores them.

Spark runs in local mode by default (``local[N]``), bound to 127.0.0.1 with its web UI off:
nothing listens beyond this machine and nothing is downloaded. PySpark comes from PyPI
(``pip install 'eventwire[spark]'``); Spark needs Java 17 or newer on the machine.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import PipelineConfig, ReadConfig
from ..errors import ConfigError
from ..model import Article, Rejection
from ..readers import read_articles
from .parquet import COLUMNS, to_record

log = logging.getLogger(__name__)

#: one Pipeline per Python worker process and configuration
_PIPELINES: dict[PipelineConfig, Any] = {}

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.python.worker.reuse": "true",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.sources.partitionOverwriteMode": "static",
    "spark.sql.session.timeZone": "UTC",
}


@dataclass
class SparkSummary:
    """What a Spark run wrote."""

    output: str
    analyses: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.analyses} articles analysed, {len(self.rejected)} rejected; Parquet "
                f"records written in {self.seconds:.1f} s (store them with 'eventwire "
                f"load-parquet {self.output} --db PATH')")


def java_version() -> int:
    """The major version of the ``java`` Spark will use; ConfigError if there is none."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ConfigError("the Spark engine needs Java 17 or newer, and no 'java' was found "
                          "(install a JDK, e.g. 'apt-get install openjdk-17-jre-headless', "
                          "or set JAVA_HOME)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    text = out.stderr + out.stdout
    found = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if found:  # "17.0.15" -> 17; the old style "1.8.0_392" -> 8
        major = int(found.group(1))
        return int(found.group(2) or 0) if major == 1 else major
    raise ConfigError(f"cannot tell the Java version from {java} -version: {text.strip()!r}")


def spark_session(master: str = "local[2]", app_name: str = "eventwire") -> Any:
    """A local, quiet Spark session bound to 127.0.0.1 with the web UI off."""
    major = java_version()
    if major < 17:
        raise ConfigError(f"the Spark engine needs Java 17 or newer; found Java {major}")
    # PySpark's notice about pandas 3 concerns its pandas API, which eventwire does not use
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                            category=FutureWarning)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("the Spark engine needs PySpark: pip install 'eventwire[spark]'") \
            from None
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    log_config = Path(__file__).with_name("log4j2.properties").resolve().as_uri()
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in {**SPARK_CONF,
                       "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={log_config}",
                       }.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _pipeline(config: PipelineConfig) -> Any:
    """This Python worker's Pipeline for ``config``, built on first use."""
    if config not in _PIPELINES:
        from ..pipeline import Pipeline

        logging.getLogger("eventwire").setLevel(logging.WARNING)
        _PIPELINES[config] = Pipeline(config)
    return _PIPELINES[config]


def analyse_partition(config: PipelineConfig, version: str,
                      rows: Iterable[tuple[int, dict[str, Any]]]) -> Iterator[tuple[Any, ...]]:
    """In an executor: ``(seq, article fields)`` pairs -> Parquet record tuples."""
    pairs = list(rows)
    if not pairs:
        return
    pipeline = _pipeline(config)
    articles = [Article(**fields) for _seq, fields in pairs]
    for (seq, _fields), result in zip(pairs, pipeline.pipe(articles), strict=True):
        record = to_record(seq, result, version)
        yield tuple(record[c] for c in COLUMNS)


def run_spark_ingest(sources: Iterable[str | os.PathLike[str]], output: str | os.PathLike[str],
                     *, read_config: ReadConfig | None = None,
                     pipeline_config: PipelineConfig | None = None, master: str = "local[2]",
                     partitions: int | None = None, spark: Any = None) -> SparkSummary:
    """Analyse the articles in ``sources`` with Spark and write Parquet records to
    ``output`` (replaced if it exists), partitioned by date.

    ``partitions`` (default: about 32 articles each, at least two per core) is how many
    Spark tasks share the articles. Pass a running ``spark`` session to reuse it; otherwise
    one is started for ``master`` and stopped at the end.
    """
    from functools import partial

    from ..api import EXTRACTOR_VERSION
    from .parquet import RECORD_SCHEMA

    started = time.perf_counter()
    config = pipeline_config or PipelineConfig()
    summary = SparkSummary(output=str(output))
    items = list(read_articles(sources, config=read_config))
    driver_records: list[tuple[Any, ...]] = []
    pairs: list[tuple[int, dict[str, Any]]] = []
    for seq, item in enumerate(items):
        if isinstance(item, Rejection):
            record = to_record(seq, item, EXTRACTOR_VERSION)
            driver_records.append(tuple(record[c] for c in COLUMNS))
        else:
            pairs.append((seq, {f.name: getattr(item, f.name)
                                for f in dataclasses.fields(Article)}))
    own = spark is None
    spark = spark or spark_session(master)
    try:
        from pyspark.sql.types import LongType, StringType, StructField, StructType

        schema = StructType([StructField(name, LongType() if name == "seq" else StringType())
                             for name in RECORD_SCHEMA.names])
        parallelism = spark.sparkContext.defaultParallelism
        slices = partitions or max(2 * parallelism, -(-len(pairs) // 32), 1)
        rdd = spark.sparkContext.parallelize(pairs, slices).mapPartitions(
            partial(analyse_partition, config, EXTRACTOR_VERSION))
        frame = spark.createDataFrame(rdd, schema)
        if driver_records:
            frame = frame.unionByName(spark.createDataFrame(driver_records, schema))
        frame.write.mode("overwrite").partitionBy("date").parquet(str(output))
        counts = dict(spark.read.parquet(str(output)).groupBy("kind").count().collect())
        rejected = spark.read.parquet(str(output)).where("kind = 'rejection'") \
            .select("seq", "origin", "reason").orderBy("seq").collect()
    finally:
        if own:
            spark.stop()
    summary.analyses = int(counts.get("analysis", 0))
    summary.rejected = [Rejection(r["origin"], r["reason"]) for r in rejected]
    summary.seconds = time.perf_counter() - started
    return summary
