"""Feed importers on real files written to tmp_path (and the real shared catalogs); no fakes."""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import FeedError
from engine.importers import SKIP_REASONS, parse_mapping, parse_price, read_feed
from engine.records import Product, SkippedRow

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
BESTBUY = SHARED / "catalogs" / "bestbuy-algolia-3k.json"

OWN_ROWS = [
    {"id": "rug-1", "title": "Wool shag rug, 5x7 ft",
     "description": "<p>Thick <b>wool</b> pile.</p>",
     "category": "Home > Rugs", "brand": "Hearthloom", "price": "89.00", "currency": "USD",
     "rating": "4.6", "rating_count": "320", "image_url": "https://img.example/rug-1.jpg",
     "url": "https://shop.example/rug-1", "availability": "in stock",
     "attributes": {"colour": "cream"}},
    {"id": "zh-1", "title": "保暖羊毛地毯", "description": "加厚羊毛材质，柔软保暖。",
     "category": "Home > Rugs", "brand": "暖居", "price": "¥499", "currency": "",
     "rating": "9.5", "rating_count": "", "image_url": "javascript:alert(1)", "url": "",
     "availability": "sold out", "attributes": {}},
]


def items(path: Path, **kwargs) -> list[Product | SkippedRow]:
    return list(read_feed(path, **kwargs))


def products(path: Path, **kwargs) -> dict[str, Product]:
    return {p.id: p for p in items(path, **kwargs) if isinstance(p, Product)}


def reasons(path: Path, **kwargs) -> Counter:
    return Counter(i.reason for i in items(path, **kwargs) if isinstance(i, SkippedRow))


def write_delimited(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, dict) else v
                             for k, v in row.items()})
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def write_json(path: Path, rows: list[dict]) -> Path:
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), "utf-8")
    return path


# ----- Google Merchant Center ---------------------------------------------------------------------

MERCHANT_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
 <channel>
  <title>Example shop</title>
  <link>https://shop.example</link>
  <item>
   <g:id>TV-100</g:id>
   <g:title>Sonavo 55&quot; 4K TV</g:title>
   <g:description><![CDATA[<p>Bright <b>4K</b> panel.</p><ul><li>HDR</li></ul>]]></g:description>
   <g:link>https://shop.example/tv-100</g:link>
   <g:image_link>https://shop.example/tv-100.jpg</g:image_link>
   <g:price>499.00 USD</g:price>
   <g:sale_price>449.00 USD</g:sale_price>
   <g:brand>Sonavo</g:brand>
   <g:product_type>Electronics &gt; TVs &gt; 4K TVs</g:product_type>
   <g:google_product_category>404</g:google_product_category>
   <g:availability>in_stock</g:availability>
   <g:gtin>0012345678905</g:gtin>
   <g:condition>new</g:condition>
   <g:shipping><g:country>US</g:country><g:price>0 USD</g:price></g:shipping>
   <g:additional_image_link>https://shop.example/a.jpg</g:additional_image_link>
   <g:additional_image_link>https://shop.example/b.jpg</g:additional_image_link>
  </item>
  <item>
   <title>Plain RSS title cup</title>
   <link>https://shop.example/cup</link>
   <description>A cup &amp; saucer</description>
   <g:id>CUP-1</g:id>
   <g:price>1.299,00 EUR</g:price>
   <g:google_product_category>Home &amp; Garden &gt; Kitchen</g:google_product_category>
   <g:availability>preorder</g:availability>
  </item>
  <item>
   <g:id>BAD-1</g:id>
   <g:title>Bad price lamp</g:title>
   <g:price>call us</g:price>
  </item>
 </channel>
</rss>
"""


def test_merchant_rss_with_g_namespace(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(MERCHANT_RSS, "utf-8")
    feed = read_feed(path)
    got = list(feed)
    assert feed.format == "merchant-xml"
    tv, cup, bad = got
    assert tv.title == 'Sonavo 55" 4K TV' and tv.description == "Bright 4K panel. HDR"
    assert (tv.price, tv.currency) == (449.0, "USD")
    assert tv.category == "Electronics > TVs > 4K TVs" and tv.brand == "Sonavo"
    assert tv.url == "https://shop.example/tv-100" and tv.image_url.endswith("tv-100.jpg")
    assert tv.availability == "in_stock"
    assert tv.attributes["regular_price"] == "499.00 USD"
    assert tv.attributes["gtin"] == "0012345678905" and tv.attributes["condition"] == "new"
    assert tv.attributes["shipping"] == {"country": "US", "price": "0 USD"}
    assert tv.attributes["additional_image_link"] == ["https://shop.example/a.jpg",
                                                      "https://shop.example/b.jpg"]
    assert (cup.id, cup.title) == ("CUP-1", "Plain RSS title cup")
    assert cup.description == "A cup & saucer"
    assert (cup.price, cup.currency, cup.availability) == (1299.0, "EUR", "preorder")
    assert cup.category == "Home & Garden > Kitchen"
    assert isinstance(bad, SkippedRow) and bad.reason == "bad price" and bad.line == 33


def test_merchant_atom_entries(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text("""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">
  <title>Shop</title>
  <entry>
    <g:id>A1</g:id><title>Atom kettle</title>
    <link rel="alternate" href="https://shop.example/kettle"/>
    <link rel="self" href="https://shop.example/api/kettle"/>
    <summary>Boils water.</summary>
    <g:price>29.99 GBP</g:price><g:availability>out of stock</g:availability>
  </entry>
</feed>""", "utf-8")
    (kettle,) = items(path)
    assert (kettle.id, kettle.title, kettle.url) == ("A1", "Atom kettle", "https://shop.example/kettle")
    assert (kettle.price, kettle.currency, kettle.availability) == (29.99, "GBP", "out_of_stock")
    assert kettle.attributes["summary"] == "Boils water."


def test_merchant_tsv(tmp_path):
    path = tmp_path / "merchant.txt"
    path.write_text(
        "id\ttitle\tdescription\tlink\timage_link\tprice\tsale_price\tavailability\tbrand\t"
        "gtin\tmpn\tproduct_type\tgoogle_product_category\tcolor\tsize\n"
        "SKU-1\tTrail shoe\tGrippy &amp; light\thttps://s.example/1\thttps://s.example/1.jpg\t"
        "119.00 USD\t\tin stock\tStridepeak\t0001\tM-1\tSports > Shoes\t187\tblue\t42\n"
        "SKU-2\tRoad shoe\t\thttps://s.example/2\t\t$1,099.50\tn/a\tbackorder\tStridepeak\t\t\t\t"
        "Apparel & Accessories > Shoes\t\t\n", "utf-8")
    feed = read_feed(path)
    one, two = list(feed)
    assert feed.format == "tsv"
    assert (one.id, one.price, one.currency) == ("SKU-1", 119.0, "USD")
    assert one.availability == "in_stock"
    assert one.description == "Grippy & light" and one.category == "Sports > Shoes"
    assert one.attributes == {"gtin": "0001", "mpn": "M-1", "google_product_category": "187",
                              "color": "blue", "size": "42"}
    assert (two.price, two.currency, two.availability) == (1099.5, "USD", "backorder")
    assert "regular_price" not in two.attributes, "an unreadable sale_price is ignored"
    assert two.category == "Apparel & Accessories > Shoes"


# ----- our own field names in every container -----------------------------------------------------

@pytest.mark.parametrize("writer,name,fmt", [
    (write_jsonl, "feed.jsonl", "jsonl"),
    (write_json, "feed.json", "json"),
    (write_delimited, "feed.csv", "csv"),
    (lambda p, rows: write_delimited(p, rows, "\t"), "feed.tsv", "tsv"),
    (lambda p, rows: write_delimited(p, rows, ";"), "semicolons.csv", "csv"),
])
def test_own_field_names_in_every_container(tmp_path, writer, name, fmt):
    feed = read_feed(writer(tmp_path / name, OWN_ROWS))
    rug, zh = list(feed)
    assert feed.format == fmt
    assert rug.description == "Thick wool pile."
    assert (rug.price, rug.currency, rug.rating, rug.rating_count) == (89.0, "USD", 4.6, 320)
    assert rug.attributes == {"colour": "cream"} and rug.availability == "in_stock"
    assert (zh.title, zh.price, zh.currency, zh.availability) == ("保暖羊毛地毯", 499.0, "CNY",
                                                                 "out_of_stock")
    assert zh.rating is None, "a rating outside 0..5 is dropped, the product kept"
    assert zh.image_url == "", "only http(s) links are kept"


def test_format_option_overrides_sniffing_and_unknown_format_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "feed.data", OWN_ROWS)
    assert read_feed(path, format="jsonl").format == "jsonl"
    with pytest.raises(FeedError, match="Unknown feed format 'xlsx'"):
        read_feed(path, format="xlsx")
    with pytest.raises(FeedError, match=r"feed\.data"):
        list(read_feed(path, format="merchant-xml"))


def test_encodings_bom_utf16_and_legacy_exports(tmp_path):
    header, row = "id,title,brand\n", "1,Café crème mug,Maison\n"
    (tmp_path / "bom.csv").write_bytes(codecs.BOM_UTF8 + (header + row).encode())
    (tmp_path / "utf16.csv").write_text(header + row, encoding="utf-16")
    (tmp_path / "cp1252.csv").write_bytes((header + row * 3).encode("cp1252"))
    (tmp_path / "gbk.csv").write_bytes((header + "1,保暖羊毛地毯,暖居\n").encode("gb18030"))
    (tmp_path / "latin.csv").write_bytes((header + "1,Jalapeño dish,Señor\n").encode("cp1252"))
    for name in ("bom.csv", "utf16.csv", "cp1252.csv"):
        assert products(tmp_path / name)["1"].title == "Café crème mug", name
    assert products(tmp_path / "gbk.csv")["1"].title == "保暖羊毛地毯"
    assert products(tmp_path / "latin.csv")["1"].brand == "Señor"


# ----- --map --------------------------------------------------------------------------------------

BIGBASKET_SAMPLE = "".join(line + "\n" for line in [
    "index,product,category,sub_category,brand,sale_price,market_price,type,rating,,",
    "1,Garlic Oil - Vegetarian Capsule 500 mg,Beauty & Hygiene,Hair Care,Sri Sri Ayurveda ,"
    "220,220,Hair Oil & Serum,4.1,,4.1",
    '2,Water Bottle - Orange,"Kitchen, Garden & Pets",Storage & Accessories,Mastercook,180,180,'
    "Water & Fridge Bottles,2.3,,",
    '3,"Brass Angle Deep - Plain, No.2",Cleaning & Household,Pooja Needs,Trm,119,250,'
    "Lamp & Lamp Oil,3.4,,",
    '4,,Cleaning & Household,Bins,Nakoda,149,176,"Laundry, Storage Baskets",3.7,,',
])


def test_mapped_csv_in_the_bigbasket_shape(tmp_path):
    path = tmp_path / "bigbasket.csv"
    path.write_text(BIGBASKET_SAMPLE, "utf-8")
    mapping = parse_mapping("id=index, title=product, category=category+sub_category,"
                            "price=sale_price")
    got = items(path, mapping=mapping)
    oil, bottle, brass, untitled = got
    assert (oil.id, oil.title, oil.brand, oil.price, oil.rating) == (
        "1", "Garlic Oil - Vegetarian Capsule 500 mg", "Sri Sri Ayurveda", 220.0, 4.1)
    assert oil.category == "Beauty & Hygiene > Hair Care"
    assert oil.attributes == {"market_price": "220", "type": "Hair Oil & Serum", "column_11": "4.1"}
    assert bottle.category == "Kitchen, Garden & Pets > Storage & Accessories"
    assert brass.title == "Brass Angle Deep - Plain, No.2"
    assert isinstance(untitled, SkippedRow) and untitled.reason == "missing title"


def test_unmapped_feed_without_title_column_names_file_and_suggests_map(tmp_path):
    path = tmp_path / "bigbasket.csv"
    path.write_text(BIGBASKET_SAMPLE, "utf-8")
    with pytest.raises(FeedError, match=r"bigbasket\.csv has no product title column.*"
                                        r"--map title=product"):
        read_feed(path)
    with pytest.raises(FeedError, match="no column 'name'"):
        read_feed(path, mapping={"title": "name"})
    with pytest.raises(FeedError, match="Unknown field 'colour'"):
        read_feed(path, mapping={"colour": "type"})


def test_real_bestbuy_json_array_with_map():
    mapping = parse_mapping("title=name,category=categories,image_url=image")
    feed = read_feed(BESTBUY, mapping=mapping)
    first = list(itertools.islice(feed, 50))
    assert feed.format == "json"
    assert all(isinstance(p, Product) for p in first)
    phone = first[0]
    assert phone.title.startswith("AT&T GoPhone - Samsung Galaxy Express 3")
    assert phone.category == "Cell Phones > Prepaid Phones > All Prepaid Phones"
    assert phone.price == 49.99 and phone.image_url.startswith("https://cdn-demo.algolia.com/")
    assert phone.attributes == {"popularity": 21449}
    again = list(itertools.islice(read_feed(BESTBUY, mapping=mapping), 50))
    assert [p.id for p in again] == [p.id for p in first], "derived ids are stable"
    assert len({p.id for p in first}) == 50


def test_parse_mapping():
    assert parse_mapping("title=product_name, price=discounted_price,") == {
        "title": "product_name", "price": "discounted_price"}
    assert parse_mapping("category=category+sub_category") == {"category": "category+sub_category"}
    for bad in ("title", "title=", "=name", "colour=c"):
        with pytest.raises(FeedError):
            parse_mapping(bad)


# ----- skipped rows -------------------------------------------------------------------------------

def test_every_skip_reason_is_counted(tmp_path):
    lines = [
        b"id,title,price,description",
        b"ok-1,Good mug,12.99,fine",
        b",No id mug,1,",
        b"no-title,,1,",
        b"bad-price,Lamp,twelve dollars,",
        b"ok-1,Second ok-1,3,",
        b"enc-1,Caf\xe9 mug,2,",
        b"long-title," + b"t" * 1001 + b",1,",
        b"long-desc,Long description,1," + b"d" * 20001,
        b"x" * 201 + b",Long id,1,",
        b"cols,Too,many,columns,here",
        "ok-2,Another good mug – crème,,".encode(),
    ]
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    got = items(path)
    assert [p.id for p in got if isinstance(p, Product)] == ["ok-1", "ok-2"]
    assert reasons(path) == {"missing id": 1, "missing title": 1, "bad price": 1,
                             "duplicate id": 1, "broken encoding": 1, "too long": 3,
                             "malformed row": 1}
    assert set(reasons(path)) == set(SKIP_REASONS)
    lines_of = {s.detail.split(" ")[0]: s.line for s in got if isinstance(s, SkippedRow)}
    assert [s.line for s in got if isinstance(s, SkippedRow)] == list(range(3, 12))
    assert lines_of


def test_jsonl_malformed_lines_and_broken_bytes_are_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "title": "Alpha"}\n{"id": "b", "title": \n[1, 2]\n\n'
                     b'{"id": "c", "title": "Caf\xe9"}\n{"id": "d", "title": "D\xc3\xa9lta", '
                     b'"attributes": "{\\"size\\": \\"L\\"}"}\n')
    got = items(path)
    assert [(s.line, s.reason) for s in got if isinstance(s, SkippedRow)] == [
        (2, "malformed row"), (3, "malformed row"), (5, "broken encoding")]
    assert products(path)["d"].attributes == {"size": "L"}


def test_structural_damage_raises_instead_of_importing_half(tmp_path):
    truncated = tmp_path / "cut.json"
    truncated.write_text(json.dumps(OWN_ROWS * 150)[:-40], "utf-8")
    feed = read_feed(truncated)
    with pytest.raises(FeedError, match=r"cut\.json: the JSON is broken near line 1 "):
        list(feed)
    truncated.write_text(json.dumps(OWN_ROWS)[:-40], "utf-8")
    with pytest.raises(FeedError, match=r"cut\.json: the JSON is broken"):
        read_feed(truncated)
    broken_xml = tmp_path / "cut.xml"
    broken_xml.write_text(MERCHANT_RSS[: MERCHANT_RSS.index("<g:id>CUP-1")], "utf-8")
    with pytest.raises(FeedError, match=r"cut\.xml is not well-formed XML"):
        list(read_feed(broken_xml))


# ----- not a feed ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,message", [
    ("photo.jsonl", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "photo.jsonl is a PNG image"),
    ("photo.jpg", b"\xff\xd8\xff\xe0 not a product feed at all \x00\x01", "photo.jpg is a JPEG"),
    ("noise.csv", bytes(range(256)) * 40, "noise.csv is not a text file"),
    ("page.csv", b"<!DOCTYPE html><html><body>Not found</body></html>", "page.csv is a web page"),
    ("page.xml", b"<?xml version='1.0'?><html><body>Hi</body></html>", "page.xml is a web page"),
    ("empty.csv", b"", "empty.csv is empty"),
    ("blank.jsonl", b"\n \n\t\n", "blank.jsonl is empty"),
    ("sheet.csv", b"PK\x03\x04" + b"\x00" * 100, "sheet.csv is a ZIP archive"),
    ("header.csv", b"id,title,price\n", "header.csv contains no product rows"),
    ("object.json", b'{\n  "products": []\n}\n', "object.json is JSON but not an array"),
    ("other.xml", b"<?xml version='1.0'?><catalog><p/></catalog>", "other.xml is an XML document"),
    ("junk.jsonl", b"{not json\n{still not\n", "junk.jsonl: none of the first 2 rows can be read"),
])
def test_not_a_feed_raises_feed_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FeedError, match=message.replace(".", r"\.")):
        items(path)


def test_missing_file_and_folder_are_feed_errors(tmp_path):
    with pytest.raises(FeedError, match=r"Cannot read nowhere\.csv"):
        read_feed(tmp_path / "nowhere.csv")
    with pytest.raises(FeedError, match="is a folder"):
        read_feed(tmp_path)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item>
<g:id>1</g:id><g:title>&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;</g:title>
</item></channel></rss>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item>
<g:id>1</g:id><g:title>&secret;</g:title></item></channel></rss>
"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_hostile_xml_is_refused_quickly(tmp_path, content):
    path = tmp_path / "hostile.xml"
    path.write_text(content, "utf-8")
    started = time.perf_counter()
    with pytest.raises(FeedError, match=r"hostile\.xml declares a DTD or entities"):
        items(path)
    assert time.perf_counter() - started < 2


# ----- normalisation ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("12.99 USD", (12.99, "USD")),
    ("USD 12.99", (12.99, "USD")),
    ("$1,299.00", (1299.0, "USD")),
    ("1.299,00 EUR", (1299.0, "EUR")),
    ("1 299,00 €", (1299.0, "EUR")),
    ("1\u00a0299,50\u00a0€", (1299.5, "EUR")),
    ("£5", (5.0, "GBP")),
    ("¥199", (199.0, "CNY")),
    ("199元", (199.0, "CNY")),
    ("1999円", (1999.0, "JPY")),
    ("₹ 2,499", (2499.0, "INR")),
    ("R$ 10,50", (10.5, "BRL")),
    ("12,5", (12.5, "")),
    ("1,299", (1299.0, "")),
    ("1.299.000", (1299000.0, "")),
    ("1'299.90 CHF", (1299.9, "CHF")),
    ("42", (42.0, "")),
    ("0", (0.0, "")),
    (19.5, (19.5, "")),
    (7, (7.0, "")),
])
def test_price_parsing(text, expected):
    assert parse_price(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "free", "call us", "10-20", "-5", "$12 EUR", "1,2,3",
                                  "12 99", "1e400", "from $10", "NaN", float("nan"), -1.0, True,
                                  None, "9" * 400])
def test_bad_prices_are_refused(text):
    with pytest.raises(ValueError):
        parse_price(text)


def test_text_cleanup_availability_and_urls(tmp_path):
    rows = [
        {"id": " a\t1 ", "title": "  Mug&nbsp;<i>large</i>\n\n ", "availability": "http://schema.org/InStock",
         "url": "//shop.example/mug", "description": "<script>alert(1)</script>Line<br>two"},
        {"id": "a2", "title": "Mug 2", "availability": "Pre-Order", "url": "file:///etc/passwd"},
        {"id": "a3", "title": "Mug 3", "availability": "ask the shop", "rating": "4,5",
         "rating_count": "1,234", "price": "", "currency": "eur"},
    ]
    got = products(write_jsonl(tmp_path / "feed.jsonl", rows))
    assert got["a 1"].title == "Mug large" and got["a 1"].description == "Line two"
    assert got["a 1"].availability == "in_stock" and got["a 1"].url == "https://shop.example/mug"
    assert got["a2"].availability == "preorder" and got["a2"].url == ""
    mug3 = got["a3"]
    assert (mug3.availability, mug3.rating, mug3.rating_count) == ("ask the shop", 4.5, 1234)
    assert (mug3.price, mug3.currency) == (None, "EUR")


# ----- streaming ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "json", "merchant-xml"])
def test_large_feeds_stream_in_bounded_memory(tmp_path, fmt):
    rows = ({"id": f"p{n}", "title": f"Product {n}", "description": ("long" * 250 + " ") * 7,
             "price": n % 500} for n in range(3_000))
    path = tmp_path / f"big.{fmt}"
    with path.open("w", encoding="utf-8") as out:
        if fmt == "merchant-xml":
            out.write('<rss xmlns:g="http://base.google.com/ns/1.0"><channel>\n')
            out.writelines(f"<item><g:id>{r['id']}</g:id><g:title>{r['title']}</g:title>"
                           f"<g:description>{r['description']}</g:description>"
                           f"<g:price>{r['price']} USD</g:price></item>\n" for r in rows)
            out.write("</channel></rss>\n")
        elif fmt == "json":
            out.write("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")
        else:
            out.writelines(json.dumps(r) + "\n" for r in rows)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for item in read_feed(path) if isinstance(item, Product))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 3_000 and size > 15_000_000
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte feed"


# ----- robustness ---------------------------------------------------------------------------------

PREFIXES = ["", "[", "{", "id,title\n", "id\ttitle\n", '{"id": "1", "title": "x"}\n',
            '<?xml version="1.0"?><rss><channel><item><title>', "<feed><entry>", "\ufeff"]


@settings(max_examples=150, deadline=3000,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES),
       body=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_arbitrary_input_only_ever_raises_feed_error(tmp_path, prefix, body):
    path = tmp_path / "fuzz.feed"
    path.write_bytes(prefix.encode() + body)
    try:
        for item in read_feed(path):
            assert isinstance(item, (Product, SkippedRow))
            if isinstance(item, SkippedRow):
                assert item.reason in SKIP_REASONS
    except FeedError as err:
        assert "fuzz.feed" in str(err)
