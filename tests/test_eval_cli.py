"""``communique eval``: analyse the documents of a gold folder and score them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()


def test_eval_scores_the_seeds(shared: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    res = runner.invoke(app, ["eval", "--gold", str(shared / "gold"), "--docs", str(shared), "--pred", str(pred)])
    assert res.exit_code == 0, res.output
    mean_line = next(line for line in res.output.splitlines() if line.startswith("MEAN "))
    mean = json.loads(mean_line[5:])
    assert mean["turn_boundary_f1"] >= 0.9 and mean["segment_acc"] >= 0.9
    kept = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    assert len(kept) == len(list((shared / "gold").glob("*.json")))
    assert all(rec["text"] and rec["turns"] is not None for rec in kept)


def test_eval_json_report(shared: Path) -> None:
    res = runner.invoke(
        app, ["eval", "--gold", str(shared / "gold"), "--docs", str(shared), "--json", "--only", "turns"]
    )
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert set(report) == {"docs", "mean"} and "turn_boundary_f1" in report["mean"]


def test_eval_names_a_missing_gold_folder(tmp_path: Path) -> None:
    res = runner.invoke(app, ["eval", "--gold", str(tmp_path / "nope"), "--docs", str(tmp_path)])
    assert res.exit_code == 2 and "nope: no such gold folder" in res.output


def test_eval_refuses_gold_without_file_field(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text('{"turns": []}', encoding="utf-8")
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "score.py").write_text("print('MEAN {}')\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "--gold", str(gold), "--docs", str(tmp_path)])
    assert res.exit_code == 2 and "a.json: gold annotation without a 'file' field" in res.output


def test_eval_without_scorer_says_so(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    res = runner.invoke(app, ["eval", "--gold", str(gold), "--docs", str(tmp_path)])
    assert res.exit_code == 2 and "no scorer found" in res.output
