"""Small real feeds shared by the catalog, search and CLI tests."""

from __future__ import annotations

import json
from pathlib import Path

PRODUCTS = [
    ("rug-1", "Wool shag rug, 5x7 ft, cream",
     "Thick, warm wool pile for living rooms and bedrooms.",
     "Home > Rugs > Wool rugs", "Hearthloom", 89.0, 4.6, 320),
    ("rug-2", "Jute area rug, 8x10 ft, natural", "Hand-woven jute, flat weave for dining rooms.",
     "Home > Rugs > Natural fiber rugs", "Terrafold", 149.0, 4.2, 95),
    ("rug-3", "Faux fur rug, 3x5 ft, white", "Soft and cosy faux sheepskin for small spaces.",
     "Home > Rugs > Shag rugs", "Hearthloom", 39.0, 4.4, 210),
    ("rug-4", "Outdoor polypropylene rug, 6x9 ft", "Weather resistant rug for patios and decks.",
     "Garden > Outdoor rugs", "Patioline", 59.0, 3.9, 44),
    ("hp-1", "Wireless noise cancelling headphones", "Over-ear Bluetooth headphones, 30 h battery.",
     "Electronics > Headphones > Over-ear", "Sonavo", 199.0, 4.7, 1500),
    ("hp-2", "Wired studio headphones", "Closed-back monitoring headphones for recording.",
     "Electronics > Headphones > Over-ear", "Monitorix", 99.0, 4.5, 600),
    ("hp-3", "True wireless earbuds", "Bluetooth in-ear earbuds with charging case.",
     "Electronics > Headphones > In-ear", "Sonavo", 79.0, 4.1, 2200),
    ("lap-1", "14-inch ultrabook laptop, 16 GB RAM",
     "Lightweight aluminium laptop for travel and work.",
     "Electronics > Laptops", "Northbyte", 1099.0, 4.3, 310),
    ("lap-2", "15-inch gaming laptop, RTX graphics", "High refresh screen, backlit keyboard.",
     "Electronics > Laptops", "Northbyte", 1499.0, 4.0, 120),
    ("pan-1", "Cast iron skillet, 12 inch", "Pre-seasoned cast iron frying pan for stove and oven.",
     "Kitchen > Cookware > Skillets", "Ironhearth", 35.0, 4.8, 5100),
    ("pan-2", "Nonstick frying pan set", "Two ceramic nonstick pans, 8 and 10 inch.",
     "Kitchen > Cookware > Skillets", "Cookwell", 45.0, 4.0, 870),
    ("shoe-1", "Trail running shoes, men's", "Grippy outsole and cushioned midsole for trails.",
     "Sports > Running shoes", "Stridepeak", 119.0, 4.5, 640),
    ("shoe-2", "Road running shoes, women's", "Lightweight breathable mesh, neutral cushioning.",
     "Sports > Running shoes", "Stridepeak", 109.0, 4.6, 980),
    ("zh-1", "保暖羊毛地毯 小户型客厅", "加厚羊毛材质，柔软保暖，适合小户型客厅和卧室。",
     "Home > Rugs > Wool rugs", "暖居", 499.0, 4.7, 88),
    ("zh-2", "蓝牙无线耳机 降噪", "主动降噪，续航30小时，佩戴舒适。",
     "Electronics > Headphones > Over-ear", "声悦", 699.0, 4.5, 230),
    ("zh-3", "铸铁煎锅 28厘米", "无涂层铸铁锅，受热均匀，适合煎牛排。",
     "Kitchen > Cookware > Skillets", "铁匠", 159.0, 4.6, 140),
]


def english_rows() -> list[dict]:
    """The feed without its Chinese products: Chinese queries over it are translated."""
    return [r for r in product_rows() if not r["id"].startswith("zh")]


def product_rows(products: list[tuple] = PRODUCTS) -> list[dict]:
    rows = []
    for pid, title, desc, cat, brand, price, rating, count in products:
        rows.append({
            "id": pid, "title": title, "description": desc, "category": cat, "brand": brand,
            "price": price, "currency": "CNY" if pid.startswith("zh") else "USD",
            "rating": rating, "rating_count": count,
        })
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path
