"""store: replacing a file's articles keeps every old passage id leading somewhere honest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text

from app import models
from app.config import Settings
from app.db import session_scope, upgrade
from app.places import load_gazetteer
from app.storage import is_packed
from ingest import ids
from ingest.model import Document, PageArticle, PageInfo, PageParagraph, SourceText
from ingest.store import seed_places, store_document

NOW = datetime(2026, 1, 1)


def document(*texts: str, sha: str = "1") -> Document:
    paragraphs = [PageParagraph("body", text, (i + 1, i + 1)) for i, text in enumerate(texts)]
    article = PageArticle(title="标题", paragraphs=paragraphs, zones=[], cities=[])
    return Document(SourceText("page.txt", sha, "utf-8", "\n".join(texts)), PageInfo(), [article])


def store(settings: Settings, doc: Document) -> None:
    with session_scope(settings) as session:
        store_document(session, doc, now=NOW)


def test_edit_keeps_untouched_ids_and_redirects_edited_and_marks_removed(empty_settings: Settings) -> None:
    upgrade(empty_settings)
    kept = "第一段，没有改动。"
    edited = "第二段讲长治高新区碳达峰试点园区的建设进程，成效明显。"
    removed = "第三段在新版本里被整段删去了，不会再出现。"
    store(empty_settings, document(kept, edited, removed))
    new_edited = "第二段讲长治高新区碳达峰试点园区的建设进程，成效十分明显。"
    store(empty_settings, document(kept, new_edited, sha="2"))

    with session_scope(empty_settings) as session:
        live = set(session.scalars(select(models.Paragraph.id)))
        redirects = {r.old_id: r for r in session.scalars(select(models.PassageRedirect))}
    kept_id, edited_id, removed_id = (ids.paragraph_id("page.txt", t) for t in (kept, edited, removed))
    assert kept_id in live
    assert redirects[edited_id].new_id == ids.paragraph_id("page.txt", new_edited)
    assert redirects[removed_id].new_id is None
    assert redirects[removed_id].old_text == removed


def test_undoing_an_edit_revives_the_old_id(empty_settings: Settings) -> None:
    upgrade(empty_settings)
    original = "原文：平遥开发区深刻领会全面深化改革背后的战略智慧。"
    store(empty_settings, document(original))
    store(empty_settings, document("改后：平遥开发区深刻领会全面深化改革背后的战略智慧。", sha="2"))
    store(empty_settings, document(original, sha="3"))
    with session_scope(empty_settings) as session:
        old_id = ids.paragraph_id("page.txt", original)
        assert session.get(models.Paragraph, old_id) is not None
        assert session.get(models.PassageRedirect, old_id) is None


def test_an_untouched_copy_of_a_repeated_paragraph_does_not_lead_to_its_edited_twin(empty_settings: Settings) -> None:
    upgrade(empty_settings)
    repeated = "记者在现场看到，项目建设正酣，塔吊林立，工人们忙碌不停。"
    store(empty_settings, document("第一段。", repeated, "中间一段，没有改动。", repeated))
    first_copy, second_copy = ids.paragraph_id("page.txt", repeated, 0), ids.paragraph_id("page.txt", repeated, 1)
    edited = "记者在现场看到，项目建设正酣，塔吊林立，工人们日夜忙碌不停。"
    store(empty_settings, document("第一段。", edited, "中间一段，没有改动。", repeated, sha="2"))
    with session_scope(empty_settings) as session:
        redirect = session.get(models.PassageRedirect, second_copy)
        # The untouched copy's old id leads to the untouched copy (now the first of its text).
        assert redirect is not None and redirect.new_id == first_copy
        assert session.get(models.Paragraph, first_copy).line_start == 4  # type: ignore[union-attr]


def test_a_retitled_article_redirects_with_its_old_title(empty_settings: Settings) -> None:
    upgrade(empty_settings)
    text = "平遥开发区深刻领会全面深化改革背后的战略智慧，谱写深化改革新篇章。"
    store(empty_settings, document(text))
    doc = document(text, sha="2")
    doc.articles[0].title = "新标题"
    store(empty_settings, doc)
    with session_scope(empty_settings) as session:
        [redirect] = session.scalars(select(models.ArticleRedirect)).all()
        assert redirect.old_title == "标题"
        assert redirect.new_id == ids.article_id("page.txt", "新标题")


def test_paragraphs_differing_only_in_whitespace_get_two_ids(empty_settings: Settings) -> None:
    upgrade(empty_settings)
    store(empty_settings, document("改革不停歇，开发区建设正酣。", "改革 不停歇，开发区建设正酣。"))
    with session_scope(empty_settings) as session:
        stored = set(session.scalars(select(models.Paragraph.id)))
    assert stored == {
        ids.paragraph_id("page.txt", "改革不停歇，开发区建设正酣。", 0),
        ids.paragraph_id("page.txt", "改革不停歇，开发区建设正酣。", 1),
    }


def test_texts_are_stored_deflated_and_read_back_as_written(empty_settings: Settings) -> None:
    """Bulk Core inserts go through the column type too (app/storage.py)."""
    upgrade(empty_settings)
    body = "太原不锈钢产业园区的项目建设稳步推进，投资完成12.5亿元。"
    store(empty_settings, document(body))
    with session_scope(empty_settings) as session:
        raw = session.execute(text("SELECT s.text, p.text FROM sources s JOIN articles a ON a.source_id = s.id "
                                   "JOIN paragraphs p ON p.article_id = a.id")).one()
        assert is_packed(raw[0]) and is_packed(raw[1])
        assert session.scalar(select(models.Source.text)) == body
        assert session.scalar(select(models.Paragraph.text)) == body


def test_seeding_places_adds_what_is_missing_and_corrects_what_changed(empty_settings: Settings) -> None:
    gazetteer = load_gazetteer()
    upgrade(empty_settings)
    with session_scope(empty_settings) as session:
        seed_places(session, gazetteer)
    zone = gazetteer.zones[0]
    merged = {z.merged_into for z in gazetteer.zones}
    dropped = next(z.slug for z in gazetteer.zones if z.slug not in merged and z.slug != zone.slug)
    with session_scope(empty_settings) as session:
        session.get(models.Zone, zone.slug).name = "改过的名字"
        session.delete(session.get(models.Zone, dropped))
    with session_scope(empty_settings) as session:
        seed_places(session, gazetteer)
    with session_scope(empty_settings) as session:
        assert session.get(models.Zone, zone.slug).name == zone.name
        assert session.get(models.Zone, dropped) is not None
        assert session.scalar(select(func.count()).select_from(models.Zone)) == len(gazetteer.zones)
