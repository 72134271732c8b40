package jobs.x402.console.keys;

import jobs.x402.console.openrouter.KeyInfo;

import java.util.UUID;

/**
 * One key's check.
 *
 * @param info    what OpenRouter told of the key (label, limit, usage, free tier); null unless VALID
 * @param problem why the check failed, in operator words; null when it did not
 */
public record VerificationResult(UUID userId, KeyVerdict verdict, KeyInfo info, String problem) {
}
