#!/usr/bin/env python3
"""Convert a CTranslate2 Whisper model (model.bin) to whisper.cpp's ggml format.

Usage: convert_whisper_ct2_to_ggml.py MODEL.bin WHISPER_ASSETS_DIR OUT.bin

WHISPER_ASSETS_DIR is `whisper/assets` from the openai-whisper source distribution
(mel_filters.npz, gpt2.tiktoken, multilingual.tiktoken). Needs only numpy: the CTranslate2
file is read directly, so neither ctranslate2 nor torch is required.
"""

import base64
import os
import struct
import sys

import numpy as np

GGML_MAGIC = 0x67676D6C
# CTranslate2's DataType enum (include/ctranslate2/types.h).
CT2_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}


def read_ct2(path):
    """Returns ({name: ndarray}, {alias: target}) from a CTranslate2 model.bin (binary version 6)."""
    variables, aliases = {}, {}
    with open(path, "rb") as f:

        def unpack(fmt):
            return struct.unpack("<" + fmt, f.read(struct.calcsize("<" + fmt)))[0]

        def string():
            return f.read(unpack("H"))[:-1].decode("utf-8")  # length includes the NUL

        version = unpack("I")
        if version != 6:
            sys.exit(f"unsupported CTranslate2 binary version {version}")
        spec = string()
        if spec != "WhisperSpec":
            sys.exit(f"not a Whisper model: {spec}")
        unpack("I")  # spec revision
        for _ in range(unpack("I")):
            name = string()
            shape = [unpack("I") for _ in range(unpack("B"))]
            dtype_id = unpack("B")
            nbytes = unpack("I")
            if dtype_id not in CT2_DTYPES:
                sys.exit(f"{name}: unsupported CTranslate2 dtype {dtype_id} (quantized model?)")
            data = np.frombuffer(f.read(nbytes), dtype=CT2_DTYPES[dtype_id])
            variables[name] = data.reshape(shape) if shape else data.reshape(())
        for _ in range(unpack("I")):
            alias = string()
            aliases[alias] = string()
    return variables, aliases


def layer_count(variables, prefix):
    n = 0
    while f"{prefix}/layer_{n}/ffn/linear_0/weight" in variables:
        n += 1
    return n


def whisper_tensors(v, n_enc, n_dec):
    """Yields (openai-whisper name, array) in the naming whisper.cpp looks up."""

    def linear(dst, src, bias=True):
        yield f"{dst}.weight", v[f"{src}/weight"]
        if bias:
            yield f"{dst}.bias", v[f"{src}/bias"]

    def norm(dst, src):
        yield f"{dst}.weight", v[f"{src}/gamma"]
        yield f"{dst}.bias", v[f"{src}/beta"]

    def self_attention(dst, src):
        # q, k and v are fused along the output dimension; whisper's key has no bias.
        wq, wk, wv = np.split(v[f"{src}/linear_0/weight"], 3)
        bq, _, bv = np.split(v[f"{src}/linear_0/bias"], 3)
        yield from [(f"{dst}.query.weight", wq), (f"{dst}.query.bias", bq),
                    (f"{dst}.key.weight", wk),
                    (f"{dst}.value.weight", wv), (f"{dst}.value.bias", bv)]
        yield from linear(f"{dst}.out", f"{src}/linear_1")

    def cross_attention(dst, src):
        yield from linear(f"{dst}.query", f"{src}/linear_0")
        wk, wv = np.split(v[f"{src}/linear_1/weight"], 2)
        _, bv = np.split(v[f"{src}/linear_1/bias"], 2)
        yield from [(f"{dst}.key.weight", wk),
                    (f"{dst}.value.weight", wv), (f"{dst}.value.bias", bv)]
        yield from linear(f"{dst}.out", f"{src}/linear_2")

    def ffn(dst, src):
        yield from norm(f"{dst}.mlp_ln", f"{src}/layer_norm")
        yield from linear(f"{dst}.mlp.0", f"{src}/linear_0")
        yield from linear(f"{dst}.mlp.2", f"{src}/linear_1")

    yield "encoder.positional_embedding", v["encoder/position_encodings/encodings"]
    for i in (1, 2):
        yield from linear(f"encoder.conv{i}", f"encoder/conv{i}")
    for i in range(n_enc):
        dst, src = f"encoder.blocks.{i}", f"encoder/layer_{i}"
        yield from norm(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
        yield from self_attention(f"{dst}.attn", f"{src}/self_attention")
        yield from ffn(dst, f"{src}/ffn")
    yield from norm("encoder.ln_post", "encoder/layer_norm")

    yield "decoder.positional_embedding", v["decoder/position_encodings/encodings"]
    yield "decoder.token_embedding.weight", v["decoder/embeddings/weight"]
    for i in range(n_dec):
        dst, src = f"decoder.blocks.{i}", f"decoder/layer_{i}"
        yield from norm(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
        yield from self_attention(f"{dst}.attn", f"{src}/self_attention")
        yield from norm(f"{dst}.cross_attn_ln", f"{src}/attention/layer_norm")
        yield from cross_attention(f"{dst}.cross_attn", f"{src}/attention")
        yield from ffn(dst, f"{src}/ffn")
    yield from norm("decoder.ln", "decoder/layer_norm")


def read_tiktoken(path):
    with open(path, "rb") as f:
        return [base64.b64decode(line.split()[0]) for line in f if line.strip()]


def convert(model_path, assets_dir, out_path):
    v, _ = read_ct2(model_path)
    n_enc = layer_count(v, "encoder")
    n_dec = layer_count(v, "decoder")
    n_vocab, n_text_state = v["decoder/embeddings/weight"].shape
    n_audio_ctx, n_audio_state = v["encoder/position_encodings/encodings"].shape
    n_text_ctx = v["decoder/position_encodings/encodings"].shape[0]
    n_mels = v["encoder/conv1/weight"].shape[1]
    hparams = [n_vocab, n_audio_ctx, n_audio_state, int(v["encoder/num_heads"]), n_enc,
               n_text_ctx, n_text_state, int(v["decoder/num_heads"]), n_dec, n_mels, 1]

    filters = np.load(os.path.join(assets_dir, "mel_filters.npz"))[f"mel_{n_mels}"]
    # whisper.cpp treats n_vocab >= 51865 as multilingual, exactly like openai-whisper.
    vocab_file = "multilingual.tiktoken" if n_vocab >= 51865 else "gpt2.tiktoken"
    tokens = read_tiktoken(os.path.join(assets_dir, vocab_file))

    with open(out_path, "wb") as out:
        out.write(struct.pack("<12i", GGML_MAGIC, *hparams))
        out.write(struct.pack("<2i", *filters.shape))
        out.write(filters.astype("<f4").tobytes())
        out.write(struct.pack("<i", len(tokens)))
        for token in tokens:
            out.write(struct.pack("<i", len(token)) + token)

        for name, data in whisper_tensors(v, n_enc, n_dec):
            if name in ("encoder.conv1.bias", "encoder.conv2.bias"):
                data = data.reshape(-1, 1)
            keep_f32 = data.ndim < 2 or name.endswith((".conv1.bias", ".conv2.bias", "positional_embedding"))
            data = np.ascontiguousarray(data, dtype="<f4" if keep_f32 else "<f2")
            encoded = name.encode("utf-8")
            out.write(struct.pack("<3i", data.ndim, len(encoded), 0 if keep_f32 else 1))
            out.write(struct.pack(f"<{data.ndim}i", *reversed(data.shape)))
            out.write(encoded)
            out.write(data.tobytes())


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    convert(*sys.argv[1:])


if __name__ == "__main__":
    main()
