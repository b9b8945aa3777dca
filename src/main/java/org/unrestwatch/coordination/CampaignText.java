package org.unrestwatch.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * The part of a post that a copy-paste campaign shares: the words and the set of hashtags. Who it
 * addresses (@mentions), links and a retweet marker vary from copy to copy and are dropped;
 * hashtags go to the end in a fixed order, so that reordering them changes nothing. Then the
 * lexicon's normaliser (case, diacritics, Arabic-script variants, elongation, camel-case hashtags).
 */
public final class CampaignText {
    private static final Pattern NOISE = Pattern.compile("(?i)(^rt\\s*:?\\s*)|@\\w+|https?://\\S+");
    private static final Pattern HASHTAG = Pattern.compile("#[\\p{L}\\p{N}_]+");
    private final TextNormaliser normaliser;

    public CampaignText(TextNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** The words alone: no mentions, links, retweet marker or hashtags; normalised. */
    public String words(String raw) {
        return normaliser.normalise(HASHTAG.matcher(NOISE.matcher(raw).replaceAll(" ")).replaceAll(" "));
    }

    /** The hashtags, lower-cased, in order of appearance. */
    public List<String> hashtags(String raw) {
        List<String> tags = new ArrayList<>();
        Matcher m = HASHTAG.matcher(raw);
        while (m.find()) {
            tags.add(m.group().toLowerCase(java.util.Locale.ROOT));
        }
        return tags;
    }

    public String of(String raw) {
        String text = NOISE.matcher(raw).replaceAll(" ");
        List<String> tags = new ArrayList<>();
        Matcher m = HASHTAG.matcher(text);
        while (m.find()) {
            tags.add(m.group().toLowerCase(java.util.Locale.ROOT));
        }
        if (tags.isEmpty()) {
            return normaliser.normalise(text);
        }
        tags.sort(null);
        return normaliser.normalise(HASHTAG.matcher(text).replaceAll(" ") + " " + String.join(" ", tags));
    }
}
