"""Why a product was picked, in words a shopper understands, in the shopper's language.

Reasons come only from what the profile really holds (views this week, liked brands, usual
price range, categories browsed), so an explanation can always be checked against the history
the shopper can see. Catalog words (categories, brands, titles) stay as the catalog wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.personalization.features import ProfileSnapshot
from engine.personalization.profile import Profile, category_levels, price_band
from engine.records import Product

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥", "": "$"}
BRAND_SHARE = 0.2
CATEGORY_SHARE = 0.15
POPULAR_COUNT = 100
MAX_REASONS = 2
LANGUAGES = ("en", "zh")
REASONS = {
    "en": {
        "viewed": "You viewed {n} {what} this week",
        "brand": "From {brand}, a brand you keep coming back to",
        "popular_in": "Popular in {name}, a category you browse",
        "in": "In {name}, a category you browse",
        "price": "In your usual price range ({range})",
        "rated": "Rated {rating}★ in {name}",
        "close": "Close to what you looked at in {name}",
        "catalog": "the catalog",
        "similar": "Similar to {title}",
        "because": "Because you viewed {title}",
    },
    "zh": {
        "viewed": "本周您看过 {n} 件 {what}",
        "brand": "来自您常看的品牌 {brand}",
        "popular_in": "{name} 中的热门商品，这是您常逛的类别",
        "in": "属于您常逛的类别 {name}",
        "price": "在您常看的价格区间内（{range}）",
        "rated": "在 {name} 中评分 {rating}★",
        "close": "与您在 {name} 中看过的商品相近",
        "catalog": "目录",
        "similar": "与 {title} 相似",
        "because": "因为您浏览过 {title}",
    },
}


def reason_language(ui_language: str) -> str:
    """The reasons' language for a UI language ("zh_CN" -> "zh"; anything else English)."""
    return "zh" if ui_language.startswith("zh") else "en"


def money(amount: float, currency: str) -> str:
    symbol = SYMBOLS.get(currency.upper())
    text = f"{amount:,.0f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def price_range_text(low: float, high: float | None, currency: str) -> str:
    if high is None:
        return f"{money(low, currency)}+"
    return f"{money(low, currency)}–{money(high, currency)}"


@dataclass
class Explainer:
    """Builds reasons for many products against one profile snapshot."""

    profile: Profile
    snap: ProfileSnapshot
    language: str = "en"  # "en" or "zh"

    @classmethod
    def of(cls, profile: Profile, now: float, language: str = "en") -> Explainer:
        return cls(profile, ProfileSnapshot.of(profile, now), language)

    def _say(self, key: str, **values: object) -> str:
        return REASONS[self.language if self.language in REASONS else "en"][key].format(**values)

    def similar_lead(self, title: str) -> str:
        return self._say("similar", title=title)

    def because_lead(self, title: str) -> str | None:
        return self._say("because", title=title) if title else None

    def reasons(self, product: Product) -> list[str]:
        """Every personal reason that holds for this product, strongest first."""
        return [r for r in (self._recent_views(product), self._brand(product),
                            self._category(product), self._price(product)) if r]

    def explain(self, product: Product, lead: str | None = None) -> str:
        """One line: an optional lead ("Because you viewed X") then the strongest reasons."""
        parts = ([lead] if lead else []) + self.reasons(product)
        if not parts:
            parts = [self._fallback(product)]
        return " · ".join(parts[:MAX_REASONS])

    def _recent_views(self, product: Product) -> str | None:
        seen = {pid for _, pid in self.profile.recent_views(product.category, self.snap.now)}
        if len(seen) < 2 or not product.category_levels:
            return None
        return self._say("viewed", n=len(seen), what=product.category_levels[-1].lower())

    def _brand(self, product: Product) -> str | None:
        if product.brand and self.snap.shares["brand"].get(product.brand, 0.0) >= BRAND_SHARE:
            return self._say("brand", brand=product.brand)
        return None

    def _category(self, product: Product) -> str | None:
        levels = category_levels(product.category)
        shares = self.snap.shares["category"]
        liked = [lvl for lvl in reversed(levels) if shares.get(lvl, 0.0) >= CATEGORY_SHARE]
        if not liked:
            return None
        name = liked[0].split(">")[-1].strip()
        popular = (product.rating_count or 0) >= POPULAR_COUNT and (product.rating or 0) >= 4.0
        return self._say("popular_in" if popular else "in", name=name)

    def _price(self, product: Product) -> str | None:
        usual = self.profile.usual_price_range(self.snap.now)
        band = price_band(product.price)
        if usual is None or band is None or product.price is None:
            return None
        low, high = usual
        if product.price < low or (high is not None and product.price >= high):
            return None
        return self._say("price", range=price_range_text(low, high, product.currency))

    def _fallback(self, product: Product) -> str:
        name = product.category_levels[-1] if product.category_levels else self._say("catalog")
        if product.rating:
            return self._say("rated", rating=f"{product.rating:.1f}", name=name)
        return self._say("close", name=name)
