"""A Llama-architecture decoder in plain PyTorch, and the TorchScript step module of model-serving/STEP_CONTRACT.md.

`Llama` is the training model (causal forward over padded batches). `StepModule` shares its weights and runs one
whole decoding step against a KV cache held on the device; it is compiled with `torch.jit.script` and uses only
long-standing operators so that libtorch 2.7.1 (DJL) loads what a newer PyTorch saved.
"""
import math
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn


@dataclass
class LlamaConfig:
    """Architecture of a Llama-family decoder."""
    vocab_size: int = 4096
    hidden_size: int = 256
    num_layers: int = 4
    num_heads: int = 8
    num_kv_heads: int = 2
    intermediate_size: int = 640
    max_context: int = 2048
    rope_theta: float = 10000.0
    rope_scaling: Optional[Dict[str, float]] = None
    rms_norm_eps: float = 1e-5
    tie_embeddings: bool = True
    attention_bias: bool = False
    head_dim: int = 0

    def __post_init__(self) -> None:
        if self.head_dim == 0:
            self.head_dim = self.hidden_size // self.num_heads
        if self.num_heads % self.num_kv_heads != 0:
            raise ValueError("num_heads must be a multiple of num_kv_heads")

    def to_dict(self) -> dict:
        return asdict(self)


def rope_inv_freq(config: LlamaConfig) -> Tensor:
    """RoPE inverse frequencies, with Llama-3 frequency scaling when the config asks for it."""
    dim = config.head_dim
    inv_freq = 1.0 / (config.rope_theta ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))
    scaling = config.rope_scaling
    if scaling and scaling.get("rope_type", scaling.get("type")) == "llama3":
        factor = float(scaling["factor"])
        low = float(scaling.get("low_freq_factor", 1.0))
        high = float(scaling.get("high_freq_factor", 4.0))
        old_len = float(scaling.get("original_max_position_embeddings", 8192))
        low_wavelen = old_len / low
        high_wavelen = old_len / high
        wavelen = 2 * math.pi / inv_freq
        scaled = torch.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
        smooth = (old_len / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = (wavelen >= high_wavelen) & (wavelen <= low_wavelen)
        inv_freq = torch.where(medium, smoothed, scaled)
    elif scaling and scaling.get("rope_type", scaling.get("type")) not in (None, "default"):
        raise ValueError(f"unsupported rope scaling {scaling}")
    return inv_freq.float()


def rotate_half(x: Tensor) -> Tensor:
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rope(x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:
    """Rotates x [..., T, H, D] by the angles of its positions (cos/sin [..., T, 1, D]), in float32."""
    xf = x.float()
    return (xf * cos + rotate_half(xf) * sin).to(x.dtype)


def causal_attention(q: Tensor, k: Tensor, v: Tensor) -> Tensor:
    """Causal scaled dot-product attention over [B, H, T, D]; written out where PyTorch predates the fused one."""
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    t = q.size(2)
    scores = torch.matmul(q, k.transpose(-1, -2)).float() / math.sqrt(q.size(-1))
    causal = torch.ones(t, t, dtype=torch.bool, device=q.device).tril()
    probs = torch.softmax(scores.masked_fill(causal.logical_not(), float("-inf")), dim=-1)
    return torch.matmul(probs.to(v.dtype), v)


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x: Tensor) -> Tensor:
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * xf.to(x.dtype)


class Block(nn.Module):
    def __init__(self, c: LlamaConfig) -> None:
        super().__init__()
        self.c = c
        self.attention_norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.wq = nn.Linear(c.hidden_size, c.num_heads * c.head_dim, bias=c.attention_bias)
        self.wk = nn.Linear(c.hidden_size, c.num_kv_heads * c.head_dim, bias=c.attention_bias)
        self.wv = nn.Linear(c.hidden_size, c.num_kv_heads * c.head_dim, bias=c.attention_bias)
        self.wo = nn.Linear(c.num_heads * c.head_dim, c.hidden_size, bias=False)
        self.ffn_norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.w_gate = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.w_up = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.w_down = nn.Linear(c.intermediate_size, c.hidden_size, bias=False)

    def forward(self, x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:
        b, t, _ = x.shape
        c = self.c
        h = self.attention_norm(x)
        q = apply_rope(self.wq(h).view(b, t, c.num_heads, c.head_dim), cos, sin)
        k = apply_rope(self.wk(h).view(b, t, c.num_kv_heads, c.head_dim), cos, sin)
        v = self.wv(h).view(b, t, c.num_kv_heads, c.head_dim)
        group = c.num_heads // c.num_kv_heads
        q = q.transpose(1, 2)
        k = k.transpose(1, 2).repeat_interleave(group, dim=1)
        v = v.transpose(1, 2).repeat_interleave(group, dim=1)
        a = causal_attention(q, k, v)
        x = x + self.wo(a.transpose(1, 2).reshape(b, t, c.num_heads * c.head_dim))
        h = self.ffn_norm(x)
        return x + self.w_down(F.silu(self.w_gate(h)) * self.w_up(h))


class Llama(nn.Module):
    """The training model: logits of every position of right-padded token batches [B, T]."""

    def __init__(self, c: LlamaConfig) -> None:
        super().__init__()
        self.config = c
        self.tok_embeddings = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList([Block(c) for _ in range(c.num_layers)])
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.output = nn.Linear(c.hidden_size, c.vocab_size, bias=False)
        if c.tie_embeddings:
            self.output.weight = self.tok_embeddings.weight
        self.register_buffer("inv_freq", rope_inv_freq(c), persistent=False)

    def init_weights(self, seed: int) -> None:
        generator = torch.Generator().manual_seed(seed)
        std = 0.02
        for name, p in self.named_parameters():
            if name.endswith("norm.weight"):
                nn.init.ones_(p)
            elif name.endswith(".bias"):
                nn.init.zeros_(p)
            else:
                scale = std / math.sqrt(2 * self.config.num_layers) if name.endswith(("wo.weight", "w_down.weight")) else std
                with torch.no_grad():
                    p.copy_(torch.randn(p.shape, generator=generator) * scale)

    def rope(self, positions: Tensor) -> Tuple[Tensor, Tensor]:
        freqs = positions.float()[..., None] * self.inv_freq
        emb = torch.cat((freqs, freqs), dim=-1)[..., None, :]
        return emb.cos(), emb.sin()

    def hidden(self, tokens: Tensor) -> Tensor:
        positions = torch.arange(tokens.shape[1], device=tokens.device)
        cos, sin = self.rope(positions)
        x = self.tok_embeddings(tokens)
        for layer in self.layers:
            x = layer(x, cos, sin)
        return self.norm(x)

    def forward(self, tokens: Tensor) -> Tensor:
        return self.output(self.hidden(tokens))

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())


class StepLayer(nn.Module):
    """One decoder layer's weights as the step module reads them (no forward of its own).

    Q, K and V are one fused projection, and so are the SwiGLU gate and up projections: one matrix product each,
    and no two products on the same input for TorchScript's graph optimiser to batch (its side-by-side batching of
    such products wrote wrong keys into the cache in PyTorch 2.11).

    The weights are written to step.pt in the storage dtype and read back in the compute dtype (`__getstate__` and
    `__setstate__` run when TorchScript saves and loads the module), so a package can hold bfloat16 weights that a
    CPU multiplies in float32.
    """

    def __init__(self, block: Block, dtype: torch.dtype, storage: torch.dtype) -> None:
        super().__init__()
        def weight(t: Tensor) -> Tensor:
            return t.detach().to(dtype)
        def bias(linear: nn.Linear) -> Tensor:
            if linear.bias is not None:
                return weight(linear.bias)
            return torch.zeros(linear.out_features, dtype=dtype, device=linear.weight.device)
        self.compute_dtype = dtype
        self.storage_dtype = storage
        self.register_buffer("attn_norm", weight(block.attention_norm.weight))
        self.register_buffer("wqkv", torch.cat([weight(block.wq.weight), weight(block.wk.weight),
                                                weight(block.wv.weight)]))
        self.register_buffer("bqkv", torch.cat([bias(block.wq), bias(block.wk), bias(block.wv)]))
        self.register_buffer("wo", weight(block.wo.weight))
        self.register_buffer("mlp_norm", weight(block.ffn_norm.weight))
        self.register_buffer("w_gate_up", torch.cat([weight(block.w_gate.weight), weight(block.w_up.weight)]))
        self.register_buffer("w_down", weight(block.w_down.weight))

    @torch.jit.export
    def __getstate__(self) -> Tuple[List[Tensor], int, int, bool]:
        stored = [t.to(self.storage_dtype) for t in
                  [self.attn_norm, self.wqkv, self.bqkv, self.wo, self.mlp_norm, self.w_gate_up, self.w_down]]
        return stored, self.compute_dtype, self.storage_dtype, self.training

    @torch.jit.export
    def __setstate__(self, state: Tuple[List[Tensor], int, int, bool]) -> None:
        stored = state[0]
        self.compute_dtype = state[1]
        self.storage_dtype = state[2]
        self.training = state[3]
        self.attn_norm = stored[0].to(self.compute_dtype)
        self.wqkv = stored[1].to(self.compute_dtype)
        self.bqkv = stored[2].to(self.compute_dtype)
        self.wo = stored[3].to(self.compute_dtype)
        self.mlp_norm = stored[4].to(self.compute_dtype)
        self.w_gate_up = stored[5].to(self.compute_dtype)
        self.w_down = stored[6].to(self.compute_dtype)


class StepHead(nn.Module):
    """The token embedding, final norm and output projection of the step module, stored as `StepLayer` is.

    With tied embeddings `lm_head` is empty and `output_weight` is the embedding.
    """

    def __init__(self, model: Llama, dtype: torch.dtype, storage: torch.dtype) -> None:
        super().__init__()
        self.compute_dtype = dtype
        self.storage_dtype = storage
        self.tied = model.config.tie_embeddings
        embed = model.tok_embeddings.weight.detach().to(dtype)
        self.register_buffer("embed", embed)
        self.register_buffer("final_norm", model.norm.weight.detach().to(dtype))
        lm_head = embed.new_empty([0]) if self.tied else model.output.weight.detach().to(dtype)
        self.register_buffer("lm_head", lm_head)

    def output_weight(self) -> Tensor:
        if self.tied:
            return self.embed
        return self.lm_head

    @torch.jit.export
    def __getstate__(self) -> Tuple[List[Tensor], int, int, bool, bool]:
        stored = [t.to(self.storage_dtype) for t in [self.embed, self.final_norm, self.lm_head]]
        return stored, self.compute_dtype, self.storage_dtype, self.tied, self.training

    @torch.jit.export
    def __setstate__(self, state: Tuple[List[Tensor], int, int, bool, bool]) -> None:
        stored = state[0]
        self.compute_dtype = state[1]
        self.storage_dtype = state[2]
        self.tied = state[3]
        self.training = state[4]
        self.embed = stored[0].to(self.compute_dtype)
        self.final_norm = stored[1].to(self.compute_dtype)
        self.lm_head = stored[2].to(self.compute_dtype)


def best_allowed(log_probs: Tensor, allowed: Tensor) -> Tuple[Tensor, Tensor]:
    """The most likely allowed token of each row [R, V] and its (unmasked) log-probability."""
    chosen = log_probs.masked_fill(allowed.logical_not(), float("-inf")).argmax(dim=-1)
    return chosen, log_probs.gather(1, chosen.unsqueeze(1)).squeeze(1)


def top_allowed(log_probs: Tensor, allowed: Tensor, k: int) -> Tuple[Tensor, Tensor]:
    """The k most likely allowed tokens of each row, best first; places past the allowed ones hold -inf."""
    masked = log_probs.masked_fill(allowed.logical_not(), float("-inf"))
    top = torch.topk(masked, min(k, log_probs.size(1)), dim=-1)
    return top.indices, top.values


class StepOperations(nn.Module):
    """The step contract's `step`, `step_top` and `forward`, over the `_run` of a subclass (one model or several)."""

    @torch.jit.export
    def step(self, tokens: Tensor, positions: Tensor, seq_lens: Tensor, slots: Tensor,
             out_rows: Tensor, mask_ids: Tensor) -> Tuple[Tensor, Tensor]:
        """One decoding step over B runs of tokens; returns the masked arg-max token and its log-probability per out row."""
        log_probs, allowed = self._run(tokens, positions, seq_lens, slots, out_rows, mask_ids)
        return best_allowed(log_probs, allowed)

    @torch.jit.export
    def step_top(self, tokens: Tensor, positions: Tensor, seq_lens: Tensor, slots: Tensor,
                 out_rows: Tensor, mask_ids: Tensor, k: int) -> Tuple[Tensor, Tensor]:
        """As `step`, but the k most likely allowed tokens per out row, best first ([R, k] ids and log-probabilities).

        A row with fewer than k allowed tokens is filled with log-probability -inf, which marks a token not allowed.
        """
        log_probs, allowed = self._run(tokens, positions, seq_lens, slots, out_rows, mask_ids)
        return top_allowed(log_probs, allowed, k)

    def _run(self, tokens: Tensor, positions: Tensor, seq_lens: Tensor, slots: Tensor,
             out_rows: Tensor, mask_ids: Tensor) -> Tuple[Tensor, Tensor]:
        """The out rows' log-probabilities [R, V] and the allowed tokens of their masks [R, V]."""
        raise NotImplementedError

    def forward(self, tokens: Tensor, positions: Tensor, seq_lens: Tensor, slots: Tensor,
                out_rows: Tensor, mask_ids: Tensor) -> Tuple[Tensor, Tensor]:
        return self.step(tokens, positions, seq_lens, slots, out_rows, mask_ids)


class StepModule(StepOperations):
    """Runs whole decoding steps of a `Llama` against a device-resident KV cache (see STEP_CONTRACT.md)."""

    def __init__(self, model: Llama, dtype: torch.dtype = torch.float32, storage: Optional[torch.dtype] = None) -> None:
        super().__init__()
        c = model.config
        storage = storage or dtype
        self.num_layers = c.num_layers
        self.num_heads = c.num_heads
        self.num_kv_heads = c.num_kv_heads
        self.head_dim = c.head_dim
        self.vocab_size = c.vocab_size
        self.max_context = c.max_context
        self.eps = c.rms_norm_eps
        self.intermediate_size = c.intermediate_size
        self.head = StepHead(model, dtype, storage)
        self.layers = nn.ModuleList([StepLayer(b, dtype, storage) for b in model.layers])
        inv_freq = rope_inv_freq(c)
        self.register_buffer("inv_freq", inv_freq)
        # RoPE tables for every position of the context, computed here exactly as the training forward computes
        # them (float32), so the scripted graph only gathers rows: no trigonometry for the graph optimiser to touch.
        freqs = torch.arange(c.max_context, dtype=torch.float32)[:, None] * inv_freq[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        half = c.head_dim // 2
        sign = torch.cat((-torch.ones(half), torch.ones(half)))
        self.register_buffer("rope_cos", emb.cos().contiguous())
        self.register_buffer("rope_sin", (emb.sin() * sign).contiguous())
        self.register_buffer("k_cache", torch.zeros(c.num_layers, 0, c.num_kv_heads, 0, c.head_dim, dtype=dtype))
        self.register_buffer("v_cache", torch.zeros(c.num_layers, 0, c.num_kv_heads, 0, c.head_dim, dtype=dtype))
        self.register_buffer("masks", torch.ones(1, c.vocab_size, dtype=torch.bool))

    @torch.jit.export
    def init_cache(self, num_slots: int, max_len: int) -> int:
        """Allocates the KV cache for num_slots sequences of max_len positions, dropping the earlier one."""
        if max_len > self.rope_cos.size(0):
            raise RuntimeError("max_len exceeds the model's maximum context")
        device = self.head.embed.device
        dtype = self.head.embed.dtype
        # Release the old cache before allocating the new one.
        self.k_cache = torch.empty([0], dtype=dtype, device=device)
        self.v_cache = torch.empty([0], dtype=dtype, device=device)
        # [layers, slots, KV heads, positions, head dim]: one head's keys of one slot are contiguous, so attention
        # reads a range of slots in place
        shape = [self.num_layers, num_slots, self.num_kv_heads, max_len, self.head_dim]
        # Two allocations from different expressions: TorchScript's common-subexpression elimination merges two
        # identical torch.zeros(...) calls into one tensor, which would make the K and V caches the same memory.
        keys = torch.zeros(shape, dtype=dtype, device=device)
        self.k_cache = keys
        self.v_cache = torch.zeros_like(keys)
        return 2 * self.k_cache.numel() * self.k_cache.element_size()

    @torch.jit.export
    def set_masks(self, masks: Tensor) -> int:
        """Stores the mask table [M, V']; ids at or beyond V' (a tokenizer smaller than the embedding) are masked."""
        m = masks.to(device=self.head.embed.device, dtype=torch.bool)
        if m.size(1) < self.vocab_size:
            pad = torch.zeros([m.size(0), self.vocab_size - m.size(1)], dtype=torch.bool, device=m.device)
            m = torch.cat([m, pad], dim=1)
        elif m.size(1) > self.vocab_size:
            m = m[:, : self.vocab_size]
        # a copy the module owns: the caller's buffer (a JVM direct buffer through DJL) may be freed after the call
        self.masks = m.contiguous().clone()
        return m.size(0)

    @torch.jit.export
    def describe(self) -> Dict[str, int]:
        return {
            "layers": self.num_layers,
            "heads": self.num_heads,
            "kv_heads": self.num_kv_heads,
            "head_dim": self.head_dim,
            "vocab": self.vocab_size,
            "max_context": self.max_context,
        }

    def _norm(self, x: Tensor, weight: Tensor) -> Tensor:
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return weight * xf.to(x.dtype)

    def _rope(self, x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:
        """x [N, H, D] rotated by its positions' angles; rolling by D/2 swaps the halves, rope_sin carries the sign."""
        xf = x.float()
        rolled = torch.roll(xf, [self.head_dim // 2], [2])
        return (xf * cos + rolled * sin).to(x.dtype)

    def _attend(self, q: Tensor, keys: Tensor, values: Tensor, q_pos: Tensor) -> Tensor:
        """q [B, Q, H, D]; keys/values [B, Hkv, L, D]; q_pos [B, Q]. Returns [B, Q, H, D], attending keys 0..q_pos.

        A query at position -1 (padding) attends nothing: its row is uniform and never read.
        """
        b = q.size(0)
        nq = q.size(1)
        length = keys.size(2)
        group = self.num_heads // self.num_kv_heads
        # [B, Hkv, G*Q, D]: the query heads that share a KV head are stacked along the query axis. The scale goes on
        # the queries, which are few, rather than on the scores, which are many.
        qg = (q * (1.0 / math.sqrt(self.head_dim))).reshape(b, nq, self.num_kv_heads, group, self.head_dim)
        qg = qg.permute(0, 2, 3, 1, 4).reshape(b, self.num_kv_heads, group * nq, self.head_dim)
        # keys are [B, Hkv, L, D] with D contiguous: the product reads them transposed, without a copy
        scores = torch.matmul(qg, keys.transpose(2, 3)).float()
        scores = scores.view(b, self.num_kv_heads, group, nq, length)
        key_pos = torch.arange(length, device=q.device)
        hidden = key_pos.view(1, 1, 1, 1, length) > q_pos.view(b, 1, 1, nq, 1)
        scores.masked_fill_(hidden, -1.0e30)
        probs = torch.softmax(scores, dim=-1).to(values.dtype).view(b, self.num_kv_heads, group * nq, length)
        out = torch.matmul(probs, values).view(b, self.num_kv_heads, group, nq, self.head_dim)
        return out.permute(0, 3, 1, 2, 4).reshape(b, nq, self.num_heads, self.head_dim)

    def _run(self, tokens: Tensor, positions: Tensor, seq_lens: Tensor, slots: Tensor,
             out_rows: Tensor, mask_ids: Tensor) -> Tuple[Tensor, Tensor]:
        """Runs the step's tokens through the model; returns the out rows' log-probabilities [R, V] and allowed tokens.

        Weights carry no gradient, so no autograd graph is recorded.
        """
        device = self.head.embed.device
        tokens = tokens.to(device=device, dtype=torch.long)
        positions = positions.to(device=device, dtype=torch.long)
        seq_lens = seq_lens.to(device=device, dtype=torch.long)
        slots = slots.to(device=device, dtype=torch.long)
        out_rows = out_rows.to(device=device, dtype=torch.long)
        mask_ids = mask_ids.to(device=device, dtype=torch.long)
        n = tokens.size(0)
        b = seq_lens.size(0)

        token_slot = torch.repeat_interleave(slots, seq_lens)
        cos = self.rope_cos.index_select(0, positions).unsqueeze(1)
        sin = self.rope_sin.index_select(0, positions).unsqueeze(1)

        # Runs of one token (sequences decoding) share one attention call; a longer run (forced JSON structure with
        # the chosen token, a token with its drafts, a prefill chunk) attends on its own. Padding the longer runs
        # into one call was measured slower on the CPU, where a step is bound by arithmetic rather than by calls.
        lens_host: List[int] = seq_lens.tolist()
        slots_host: List[int] = slots.tolist()
        positions_host: List[int] = positions.tolist()
        single_rows_host: List[int] = []
        single_slots_host: List[int] = []
        long_spans: List[Tuple[int, int, int, int]] = []
        single_len = 0
        offset = 0
        for i in range(b):
            end = offset + lens_host[i]
            if lens_host[i] == 1:
                single_rows_host.append(offset)
                single_slots_host.append(slots_host[i])
                single_len = max(single_len, positions_host[offset] + 1)
            else:
                long_spans.append((offset, end, slots_host[i], positions_host[end - 1] + 1))
            offset = end
        singles = len(single_rows_host)
        all_single = singles == b
        # consecutive slots are read from the cache in place; others are gathered
        first_slot = -1
        if singles > 0:
            first_slot = single_slots_host[0]
            for k in range(singles):
                if single_slots_host[k] != single_slots_host[0] + k:
                    first_slot = -1
        single_rows = torch.zeros([0], dtype=torch.long, device=device)
        single_slots = torch.zeros([0], dtype=torch.long, device=device)
        single_pos = positions
        if singles > 0 and not all_single:
            single_rows = torch.tensor(single_rows_host, dtype=torch.long, device=device)
            single_pos = positions.index_select(0, single_rows)
        if singles > 0 and first_slot < 0:
            single_slots = torch.tensor(single_slots_host, dtype=torch.long, device=device)

        x = F.embedding(tokens, self.head.embed)
        layer_index = 0
        for layer in self.layers:
            h = self._norm(x, layer.attn_norm)
            qkv = F.linear(h, layer.wqkv, layer.bqkv)
            q_width = self.num_heads * self.head_dim
            kv_width = self.num_kv_heads * self.head_dim
            q = qkv.narrow(1, 0, q_width).reshape(n, self.num_heads, self.head_dim)
            k = qkv.narrow(1, q_width, kv_width).reshape(n, self.num_kv_heads, self.head_dim)
            v = qkv.narrow(1, q_width + kv_width, kv_width).contiguous().reshape(n, self.num_kv_heads, self.head_dim)
            q = self._rope(q, cos, sin)
            k = self._rope(k, cos, sin)
            # the cache is [slots, Hkv, L, D]: written through a [slots, L, Hkv, D] view of the same memory
            k_layer = self.k_cache[layer_index]
            v_layer = self.v_cache[layer_index]
            k_layer.permute(0, 2, 1, 3).index_put_([token_slot, positions], k)
            v_layer.permute(0, 2, 1, 3).index_put_([token_slot, positions], v)
            # zeros_like(q) differs per layer, so no layer's buffer can be merged with another's.
            attn = torch.zeros_like(q)
            if singles > 0:
                qs = q
                if not all_single:
                    qs = q.index_select(0, single_rows)
                if first_slot >= 0:
                    ks = k_layer[first_slot:first_slot + singles, :, :single_len]
                    vs = v_layer[first_slot:first_slot + singles, :, :single_len]
                else:
                    ks = k_layer[:, :, :single_len].index_select(0, single_slots)
                    vs = v_layer[:, :, :single_len].index_select(0, single_slots)
                out = self._attend(qs.unsqueeze(1), ks, vs, single_pos.unsqueeze(1)).squeeze(1)
                if all_single:
                    attn = out
                else:
                    attn.index_copy_(0, single_rows, out)
            for span in long_spans:
                start, end, slot, length = span
                out = self._attend(q[start:end].unsqueeze(0), k_layer[slot:slot + 1, :, :length],
                                   v_layer[slot:slot + 1, :, :length], positions[start:end].unsqueeze(0))
                attn[start:end] = out.squeeze(0)
            x = x + F.linear(attn.reshape(n, self.num_heads * self.head_dim), layer.wo)
            h = self._norm(x, layer.mlp_norm)
            gate_up = F.linear(h, layer.w_gate_up)
            gate = gate_up.narrow(1, 0, self.intermediate_size)
            up = gate_up.narrow(1, self.intermediate_size, self.intermediate_size)
            x = x + F.linear(F.silu(gate) * up, layer.w_down)
            layer_index += 1

        rows = self._norm(x.index_select(0, out_rows), self.head.final_norm)
        logits = F.linear(rows, self.head.output_weight()).float()
        log_probs = torch.log_softmax(logits, dim=-1)
        return log_probs, self.masks.index_select(0, mask_ids)


class EnsembleStepModule(StepOperations):
    """Several step modules of one tokenizer answering as one model (STEP_CONTRACT.md, unchanged).

    Every member runs the step's tokens against its own KV cache; the answer is read from the mean of the members'
    probabilities (a mixture, so its log-probabilities keep their meaning for margins in nats), under the one mask
    table every member holds.
    """

    def __init__(self, members: List[StepModule]) -> None:
        super().__init__()
        first = members[0]
        for member in members[1:]:
            if (member.vocab_size, member.max_context) != (first.vocab_size, first.max_context):
                raise ValueError("ensemble members differ in vocabulary or context")
        self.members = nn.ModuleList(members)
        self.count = len(members)
        self.vocab_size = first.vocab_size
        self.max_context = first.max_context
        self.first_described: Dict[str, int] = first.describe()

    @torch.jit.export
    def init_cache(self, num_slots: int, max_len: int) -> int:
        total = 0
        for member in self.members:
            total += member.init_cache(num_slots, max_len)
        return total

    @torch.jit.export
    def set_masks(self, masks: Tensor) -> int:
        rows = 0
        for member in self.members:
            rows = member.set_masks(masks)
        return rows

    @torch.jit.export
    def describe(self) -> Dict[str, int]:
        described: Dict[str, int] = {}
        for key, value in self.first_described.items():
            described[key] = value
        described["members"] = self.count
        return described

    def _run(self, tokens: Tensor, positions: Tensor, seq_lens: Tensor, slots: Tensor,
             out_rows: Tensor, mask_ids: Tensor) -> Tuple[Tensor, Tensor]:
        each: List[Tensor] = []
        allowed = torch.zeros([0], dtype=torch.bool)
        for member in self.members:
            log_probs, allowed = member._run(tokens, positions, seq_lens, slots, out_rows, mask_ids)
            each.append(log_probs)
        return torch.logsumexp(torch.stack(each), dim=0) - math.log(self.count), allowed


class EnsembleReference(nn.Module):
    """The full forward pass of an ensemble, for checking its step module: the log of the members' mean probability."""

    def __init__(self, members: List[Llama]) -> None:
        super().__init__()
        self.members = nn.ModuleList(members)
        self.config = members[0].config

    def forward(self, tokens: Tensor) -> Tensor:
        each = [torch.log_softmax(member(tokens).float(), dim=-1) for member in self.members]
        return torch.logsumexp(torch.stack(each), dim=0) - math.log(len(each))


def script_step_module(model: Llama, dtype: torch.dtype, device: torch.device,
                       storage: Optional[torch.dtype] = None) -> torch.jit.ScriptModule:
    """Builds, scripts and places the step module of a model; its weights are saved in `storage` (default: dtype)."""
    step = StepModule(model, dtype, storage).to(device)
    step.eval()
    return torch.jit.script(step)
