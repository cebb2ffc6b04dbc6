#!/usr/bin/env python3
"""Make a Piper voice loadable by sherpa-onnx's VITS model.

Usage: prepare_piper_voice.py VOICE.onnx VOICE.onnx.json OUT.onnx OUT_TOKENS.txt

sherpa-onnx reads the voice's settings from ONNX metadata (Piper keeps them in the JSON) and its
symbol table from tokens.txt (`symbol id` per line, from the JSON's phoneme_id_map).
"""

import json
import sys

import onnx


def metadata(config):
    language = config.get("language", {})
    return {
        "model_type": "vits",
        "comment": "piper",
        "language": language.get("name_english", "English"),
        "voice": config["espeak"]["voice"],
        "has_espeak": "1",
        "n_speakers": str(config.get("num_speakers", 1)),
        "sample_rate": str(config["audio"]["sample_rate"]),
    }


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    model_in, config_path, model_out, tokens_out = sys.argv[1:]
    with open(config_path, encoding="utf-8") as f:
        config = json.load(f)

    model = onnx.load(model_in)
    wanted = metadata(config)
    kept = [p for p in model.metadata_props if p.key not in wanted]
    del model.metadata_props[:]
    model.metadata_props.extend(kept)
    for key, value in wanted.items():
        model.metadata_props.add(key=key, value=value)
    onnx.save(model, model_out)

    with open(tokens_out, "w", encoding="utf-8") as f:
        for symbol, ids in config["phoneme_id_map"].items():
            f.write(f"{symbol} {ids[0]}\n")


if __name__ == "__main__":
    main()
