"""The words the console puts on rulings: the basis of a decision, ties, one-line summaries."""

from __future__ import annotations

from wargame.core import Game
from wargame.core.adjudication import Adjudication, Settlement
from wargame.core.enums import Mode
from wargame.core.events import Option
from wargame.loading import load_scenario
from wargame.tui.rulings import decision_brief, shared_sentences, summarise


def adjudication(*chances: tuple[str, float], mechanic: str = "combat") -> Adjudication:
    return Adjudication(
        mechanic=mechanic,
        title="Attack on Konna",
        side="red",
        visible_to=(),
        options=tuple(Option(code, code.title(), p) for code, p in chances),
        settle=lambda code: Settlement((), f"Attack on Konna: 5 against 2. Result {code}."),
        dice="2d6",
        lookup=lambda total: chances[0][0],
    )


def brief(*chances: tuple[str, float]):
    game = Game(load_scenario("konna-2013"), seed=1)
    return decision_brief(game, "Attack on Konna", Mode.SEMI_RIGID, adjudication(*chances))


def test_the_basis_is_what_every_result_shares():
    b = brief(("ar", 0.2), ("ex", 0.5), ("dr", 0.3))
    assert b.basis == "Attack on Konna: 5 against 2."
    assert [r.consequence for r in b.results] == ["Result ar.", "Result ex.", "Result dr."]
    assert b.results[b.default].code == "ex"


def test_best_and_worst_name_the_side_they_are_for():
    b = brief(("ar", 0.2), ("ex", 0.5), ("dr", 0.3))
    tags = {r.code: r.tags for r in b.results}
    assert tags["ar"] == ("worst for the attacker (Jihadist coalition)",)
    assert tags["dr"] == ("best for the attacker (Jihadist coalition)",)
    assert [r.choice for r in b.results] == ["worst", "most likely", "best"]


def test_a_tie_for_most_likely_is_said():
    b = brief(("ar", 0.1), ("ex", 0.45), ("dr", 0.45))
    assert "ex and dr are equally likely (45% each)." in b.notes
    assert {r.code for r in b.results if "tied for most likely" in r.tags} == {"ex", "dr"}


def test_a_most_likely_result_that_is_also_the_worst_is_one_line_that_says_both():
    b = brief(("ar", 0.6), ("ex", 0.3), ("dr", 0.1))
    assert b.results[0].tags == ("most likely", "worst for the attacker (Jihadist coalition)")
    assert "The most likely result, ar, is also the worst for the attacker (Jihadist coalition)." in b.notes
    assert len(b.results) == 3  # not offered twice


def test_shared_sentences_stop_at_a_whole_sentence():
    assert shared_sentences(["A b. Lost 4.", "A b. Lost 5."]) == "A b."
    assert shared_sentences(["Lost 4.", "Lost 5."]) == ""
    assert shared_sentences(["Only one."]) == ""


def test_a_summary_names_a_few_rulings_then_how_many_more():
    game = Game(load_scenario("konna-2013"), seed=1)
    while len(game.rulings()) < 5:
        game.advance()
    text = summarise(game.rulings(), most=3)
    assert text.count("\n") == 3 and text.endswith(f"and {len(game.rulings()) - 3} more (tab 4)")
