"""Where rules meet the text: one pass of every phrase rule over the tokens, and the filters a rule's data
asks for on its hits (phrase or logic alike)."""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress

from rapport.analyzer.catalog import build_index, compile_trie
from rapport.analyzer.rule import Hit, Rule
from rapport.analyzer.text import Doc
from rapport.context import Context, Options


def applies(rule: Rule, ctx: Context, opts: Options) -> bool:
    """The rule runs here: not switched off, on its surfaces, in a first contact if it says so."""
    if rule.id in opts.disabled_rules:
        return False
    if rule.surfaces and ctx.surface not in rule.surfaces:
        return False
    return not (rule.first_contact_only and not ctx.is_first_contact)


class PhraseMatcher:
    """Every phrase rule's patterns in one trie, matched in one pass over the tokens of each paragraph (a
    phrase never runs across a line break). A paragraph's matches are cached by its text: while someone
    types, one paragraph changes at a time."""

    CACHE_SIZE = 1024  # paragraphs; the oldest half goes when it is full

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = [r for r in rules if r.kind == "phrases"]
        self._trie = compile_trie(build_index(self.rules))[0]  # first word -> node
        self._cache: dict[str, list[tuple[int, int, int]]] = {}

    def match(self, doc: Doc, ctx: Context, opts: Options, out: dict[str, list[Hit]]) -> None:
        """Per rule, the longest match at each position, no two of a rule overlapping, into `out`."""
        rules = self.rules
        allowed: dict[int, bool] = {}  # rule index -> applies in this context (computed on first match)
        starts, ends, text = doc.starts, doc.ends, doc.text
        for first, last in doc.paragraph_tokens():
            key = text[starts[first] : ends[last - 1]]
            found = self._cache.get(key)
            if found is None:
                found = self._scan(doc.lows[first:last], doc.kinds[first:last])
                if len(self._cache) >= self.CACHE_SIZE:
                    for old in list(self._cache)[: self.CACHE_SIZE // 2]:
                        del self._cache[old]
                self._cache[key] = found
            for ri, i, end in found:
                ok = allowed.get(ri)
                if ok is None:
                    ok = allowed[ri] = applies(rules[ri], ctx, opts)
                if ok:
                    out.setdefault(rules[ri].id, []).append(Hit(starts[first + i], ends[first + end - 1]))

    def _scan(self, lows: list[str], kinds: list[str]) -> list[tuple[int, int, int]]:
        """(rule index, first token, end token) of every match in one paragraph's tokens."""
        n = len(lows)
        busy_until: dict[int, int] = {}  # rule index -> token index its last match ended at
        nodes = list(map(self._trie.get, lows))  # trie node of each token as a first word, or None
        found = []
        for i in compress(range(n), nodes):
            longest: dict[int, int] | None = None  # rule index -> end of its longest match starting at i
            stack = [(nodes[i], i + 1)]
            while stack:
                (children, ends, wild), j = stack.pop()
                if ends:
                    if longest is None:
                        longest = {}
                    for ri in ends:
                        if longest.get(ri, 0) < j:
                            longest[ri] = j
                if j < n:
                    nxt = children.get(lows[j])
                    if nxt is not None:
                        stack.append((nxt, j + 1))
                    if wild is not None and kinds[j] == "word":
                        stack.append((wild, j + 1))
            if longest is None:
                continue
            for ri, end in longest.items():
                if busy_until.get(ri, 0) > i:
                    continue
                found.append((ri, i, end))
                busy_until[ri] = end
        return found


class HitFilters:
    """What a rule's params say does not count:
    - `not_after`: a hit right after one of those words is someone else's thing ("the pricing page", "her
      demo": a customer or a proud colleague talking, not a seller);
    - `except_in_sentence`: a hit in a sentence holding one of those words ("want me to send you the photos
      from the wedding" is a friend's offer, not a sale);
    - `except_in_text`: any hit, when the text holds one of those words ("student": a learner's ask)."""

    def __init__(self, rules: list[Rule]) -> None:
        self._not_after = {r.id: frozenset(r.params["not_after"]) for r in rules if r.params.get("not_after")}
        self._in_sentence = {r.id: frozenset(r.params.get("except_in_sentence", ())) for r in rules}
        self._in_text = {r.id: frozenset(r.params.get("except_in_text", ())) for r in rules}
        self.ids = frozenset(self._not_after) | {
            r.id for r in rules if self._in_sentence[r.id] or self._in_text[r.id]
        }

    def apply(self, doc: Doc, rule_id: str, hits: list[Hit]) -> list[Hit]:
        if rule_id not in self.ids:
            return hits
        words = self._not_after.get(rule_id)
        if words:
            hits = [h for h in hits if _previous_word(doc, h.start) not in words]
        if not self._in_text[rule_id].isdisjoint(doc.lowset):
            return []
        words = self._in_sentence[rule_id]
        if not hits or words.isdisjoint(doc.lowset):
            return hits
        lows, sent_of, sentences = doc.lows, doc.sent_of, doc.sentences
        kept = []
        for h in hits:
            s = sentences[sent_of[max(0, bisect_right(doc.starts, h.start) - 1)]]
            if words.isdisjoint(lows[s.first : s.last]):
                kept.append(h)
        return kept


def _previous_word(doc: Doc, start: int) -> str:
    i = bisect_right(doc.starts, start) - 1
    return doc.lows[i - 1] if i > 0 else ""
