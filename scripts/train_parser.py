#!/usr/bin/env python3
"""Train the extractor's tagger and dependency parser on UD English EWT, and package it.

    .venv/bin/python scripts/train_parser.py [--treebank ../shared/data/ud-english-ewt]
                                             [--work var/parser-train] [--max-steps 15000]

Converts the treebank's train and dev CoNLL-U files to spaCy's binary format, trains a
small pipeline (tok2vec + tagger + parser; the configuration is below and is the one the
shipped model was trained with), and copies the best model to
``claims/extraction/models/en_ewt/`` with a ``MANIFEST.json`` of SHA-256 digests that
``claims/extraction/parse.py`` checks before loading.  Takes about two hours on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "claims" / "extraction" / "models" / "en_ewt"

# spaCy's "efficiency" configuration for a tagger and a parser, made smaller to fit the
# extraction budget (at most 100 ms per 1,000 words on one core, the whole pipeline
# included): a 64-wide, 3-deep CNN token encoder (hash embeddings of 4,000/800/2,000/2,000
# rows) shared by a Penn tagger and a transition-based parser with a 64-unit hidden layer.
# This is the exact configuration the shipped model was trained with.
CONFIG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "en"
pipeline = ["tok2vec","tagger","parser"]
batch_size = 1000
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}
vectors = {"@vectors":"spacy.Vectors.v1"}

[components]

[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 30
moves = null
scorer = {"@scorers":"spacy.parser_scorer.v1"}
update_with_oracle_cut_size = 100

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"

[components.tagger]
factory = "tagger"
label_smoothing = 0.05
neg_prefix = "!"
overwrite = false
scorer = {"@scorers":"spacy.tagger_scorer.v1"}

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [4000,800,2000,2000]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
depth = 3
window_size = 1
maxout_pieces = 2

[corpora]

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
gpu_allocator = ${system.gpu_allocator}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 0
max_steps = 15000
eval_frequency = 200
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
tag_acc = 0.5
pos_acc = 0.0
tag_micro_p = null
tag_micro_r = null
tag_micro_f = null
dep_uas = 0.25
dep_las = 0.25
dep_las_per_type = null
sents_p = null
sents_r = null
sents_f = 0.0

[pretraining]

[initialize]
vectors = ${paths.vectors}
init_tok2vec = ${paths.init_tok2vec}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def convert(treebank: Path, work: Path) -> dict[str, Path]:
    from spacy.cli.convert import convert as spacy_convert

    out = {}
    for split in ("train", "dev"):
        src = treebank / f"en_ewt-ud-{split}.conllu"
        spacy_convert(src, work, converter="conllu", n_sents=10, file_type="spacy", silent=True)
        out[split] = work / f"en_ewt-ud-{split}.spacy"
    return out


def package(best: Path, target: Path, treebank: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    readme = ROOT / "claims" / "extraction" / "data" / "PARSER.md"
    shutil.copy(readme, target / "README.md")
    files = {
        str(p.relative_to(target)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(target.rglob("*"))
        if p.is_file()
    }
    source = hashlib.sha256((treebank / "en_ewt-ud-train.conllu").read_bytes()).hexdigest()
    manifest = {"treebank_train_sha256": source, "files": files}
    (target / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treebank", type=Path, default=ROOT.parent / "shared/data/ud-english-ewt")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "parser-train")
    parser.add_argument("--max-steps", type=int, default=15000)
    parser.add_argument(
        "--package", type=Path, help="only package an already trained model directory"
    )
    args = parser.parse_args()
    if args.package:
        package(args.package, TARGET, args.treebank)
        print(f"packaged {args.package} into {TARGET}")
        return

    from spacy.cli.train import train

    args.work.mkdir(parents=True, exist_ok=True)
    paths = convert(args.treebank, args.work)
    config_path = args.work / "config.cfg"
    config_path.write_text(CONFIG.replace("max_steps = 15000", f"max_steps = {args.max_steps}"))
    output = args.work / "output"
    train(
        config_path,
        output,
        overrides={"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"])},
    )
    package(output / "model-best", TARGET, args.treebank)
    print(f"packaged {output / 'model-best'} into {TARGET}")


if __name__ == "__main__":
    main()
