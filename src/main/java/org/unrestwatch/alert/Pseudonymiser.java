package org.unrestwatch.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces account ids in alerts with a keyed hash (HMAC-SHA256, first 16 hex digits), so that
 * alerts can be shared and correlated without exposing who posted. The same key gives the same
 * pseudonym everywhere; without the key it cannot be reversed. Raw ids only if the operator opts in.
 */
public final class Pseudonymiser {
    private final SecretKeySpec key;
    private final boolean rawIds;

    public Pseudonymiser(String secret, boolean rawIds) {
        if (!rawIds && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("a pseudonymisation key is required unless raw account ids are on");
        }
        this.key = rawIds ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.rawIds = rawIds;
    }

    public String apply(String accountId) {
        if (rawIds) {
            return accountId;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(accountId.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("acct_");
            for (int i = 0; i < 8; i++) {
                sb.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
