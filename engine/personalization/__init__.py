"""Private, on-device personalization: history, profile, a learned re-ranker and explained picks.

Everything lives in ``<data_dir>/history.db``; nothing is sent anywhere. The shopper can pause
recording, see the history and profile, export it as JSON, and delete any part of it for good.
"""

from __future__ import annotations

from engine.personalization.events import POSITIVE_KINDS
from engine.personalization.personalizer import PersonalizedResult, Personalizer, ProfileSummary
from engine.personalization.profile import Profile
from engine.personalization.ranker import TrainReport
from engine.personalization.recommend import Pick
from engine.personalization.store import HistoryStore

__all__ = [
    "POSITIVE_KINDS",
    "HistoryStore",
    "PersonalizedResult",
    "Personalizer",
    "Pick",
    "Profile",
    "ProfileSummary",
    "TrainReport",
]
