"""The engine: pure, immutable scenario model and the game that plays it.

Nothing here imports Textual or YAML or touches files; :mod:`wargame.loading` reads
scenarios and saves, and the console and command line sit on top.
"""

from wargame.core.adjudication import Adjudication, Rejection
from wargame.core.enums import (
    Bank,
    Category,
    CrossingState,
    Feature,
    Mode,
    OrderKind,
    Outcome,
    Posture,
    RouteKind,
    Stance,
    Status,
    Step,
)
from wargame.core.events import Event, Modifier, Option, Roll, Ruling
from wargame.core.game import Awaiting, Game, GameError, IllegalOrder, ReplayError
from wargame.core.orders import (
    AirInsertion,
    Airlift,
    AirStrike,
    Ambush,
    Argue,
    Attack,
    BlockCrossing,
    DestroyCrossing,
    DigIn,
    Disperse,
    Ied,
    Isr,
    MineCrossing,
    Move,
    Order,
    PlaceCache,
    Raid,
    Rebase,
    Recon,
    Reform,
    RepairCrossing,
    SuicideAttack,
    Train,
)
from wargame.core.rules import RuleSet
from wargame.core.scenario import Inject, Point, Scenario
from wargame.core.views import SideView, UnitView

__all__ = [
    "Adjudication", "AirInsertion", "AirStrike", "Airlift", "Ambush", "Argue", "Attack", "Awaiting", "Bank",
    "BlockCrossing", "Category", "CrossingState", "DestroyCrossing", "DigIn", "Disperse", "Event", "Feature",
    "Game", "GameError", "Ied", "IllegalOrder", "Inject", "Isr", "MineCrossing", "Mode", "Modifier", "Move",
    "Option", "Order", "OrderKind", "Outcome", "PlaceCache", "Point", "Posture", "Raid", "Rebase", "Recon",
    "Reform", "Rejection", "RepairCrossing", "ReplayError", "Roll", "RouteKind", "RuleSet", "Ruling",
    "Scenario", "SideView", "Stance", "Status", "Step", "SuicideAttack", "Train", "UnitView",
]  # fmt: skip
