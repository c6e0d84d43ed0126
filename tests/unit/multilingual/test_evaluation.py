from claims.extraction.multilingual.bench import bench_multilingual, format_bench
from claims.extraction.multilingual.evaluation import (
    Document,
    chosen_tools,
    format_table,
    score_segmenter,
    spans_to_boundaries,
)


def test_boundaries_are_starts_but_the_first():
    assert spans_to_boundaries([(10, 20), (0, 9), (21, 30)]) == {10, 21}


def test_score_counts_internal_boundaries():
    doc = Document("x-1", "ru", "Один. Два. Три.", ((0, 5), (6, 10), (11, 15)))
    score = score_segmenter([doc], lambda text, lang: [(0, 10), (11, 15)], "toy")
    assert (score.tp, score.fp, score.fn, score.gold) == (1, 0, 1, 2)
    assert score.precision == 1 and score.recall == 0.5
    assert round(score.f1, 3) == 0.667
    table = format_table([score])
    assert "toy" in table and "0.667" in table


def test_a_library_must_beat_the_rules_clearly_and_reach_the_target():
    doc = Document("x-1", "ru", "Один. Два. Три.", ((0, 5), (6, 10), (11, 15)))
    good = score_segmenter([doc], lambda t, lang: [(0, 5), (6, 10), (11, 15)], "lib")
    ours = score_segmenter([doc], lambda t, lang: [(0, 10), (11, 15)], "ours")
    assert chosen_tools([ours, good]) == {"ru": "lib"}
    assert chosen_tools([ours]) == {"ru": "ours"}


def test_segmentation_script_is_importable_for_the_management_command(multilingual_folder):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "scripts" / "multilingual_segmentation.py"
    spec = importlib.util.spec_from_file_location("multilingual_segmentation", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.run(multilingual_folder, tools=["ours"], langs=["my"])
    assert [(r.lang, r.tool) for r in rows] == [("my", "ours")]


def test_bench_rows(multilingual_folder, tmp_path):
    (tmp_path / "my.jsonl").write_text(
        (multilingual_folder / "my.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    (row,) = bench_multilingual(tmp_path, repeat=1)
    assert row.lang == "my" and row.articles == 1 and row.claims_per_article >= 5
    assert "langid ms" in format_bench([row])
