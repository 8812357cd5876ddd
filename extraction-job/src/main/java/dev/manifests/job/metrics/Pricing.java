package dev.manifests.job.metrics;

import java.io.Serializable;

/**
 * Prices that turn the engine's figures into money: device time at an hourly price, and what a hosted LLM would
 * charge for the same input and output tokens.
 *
 * @param deviceUsdPerHour               price of one hour of the device the model runs on
 * @param hostedInputUsdPerMillionTokens hosted LLM price per million input tokens
 * @param hostedOutputUsdPerMillionTokens hosted LLM price per million output tokens
 */
public record Pricing(double deviceUsdPerHour, double hostedInputUsdPerMillionTokens,
                      double hostedOutputUsdPerMillionTokens) implements Serializable {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    public Pricing {
        if (deviceUsdPerHour < 0 || hostedInputUsdPerMillionTokens < 0 || hostedOutputUsdPerMillionTokens < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** Cost of the given device time. */
    public double deviceCostUsd(double deviceMillis) {
        return deviceMillis / MILLIS_PER_HOUR * deviceUsdPerHour;
    }

    /** What the hosted LLM would charge for the same tokens. */
    public double hostedCostUsd(long tokensIn, long tokensOut) {
        return (tokensIn * hostedInputUsdPerMillionTokens + tokensOut * hostedOutputUsdPerMillionTokens) / 1_000_000.0;
    }
}
