package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.rules.Rule;
import org.unrestwatch.rules.RuleBook;
import org.unrestwatch.rules.RuleValidator;

/**
 * Keeps this instance's {@link RuleBook} equal to the accepted-rules topic. It runs in the global
 * thread, which Kafka Streams brings to the end of the topic before any stream thread starts: after
 * a restart, or in a replay, every post is judged under the rules already written.
 */
final class RulesStoreProcessor implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RulesStoreProcessor.class);

    private final RuleBook book;
    private final RuleValidator validator;
    private final DetectorMetrics metrics;
    private KeyValueStore<String, String> store;
    private ProcessorContext<Void, Void> context;

    RulesStoreProcessor(RuleBook book, RuleValidator validator, DetectorMetrics metrics) {
        this.book = book;
        this.validator = validator;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(DetectorTopology.RULES_STORE);
        int loaded = 0;
        java.util.List<String> notForHere = new java.util.ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (kv.value != null && apply(kv.key, kv.value)) {
                    loaded++;
                } else {
                    notForHere.add(kv.key);
                }
            }
        }
        notForHere.forEach(store::delete); // so that a restart does not apply them again
        long now = context.currentSystemTimeMs();
        String loadedLine = "live rules: " + loaded + " loaded; version " + book.version(now) + " in force now";
        if (book.firstTimeSaid(loadedLine)) { // Kafka Streams initialises the global processor twice at start
            LOG.info(loadedLine);
        }
    }

    @Override
    public void process(Record<String, String> record) {
        long now = context.currentSystemTimeMs();
        if (record.value() == null) {
            store.delete(record.key());
            if (book.remove(record.key())) {
                metrics.ruleApplied(now - record.timestamp());
                LOG.info("rule '{}' deleted; version {} in force now", record.key(), book.version(now));
            }
            return;
        }
        Rule before = book.get(record.key());
        if (!apply(record.key(), record.value())) {
            store.delete(record.key()); // an older version must not come back at the next restart
        } else {
            store.put(record.key(), record.value());
            if (book.get(record.key()).equals(before)) {
                return; // the same rule again: the rules command writes it here itself, then the validating task does
            }
            metrics.ruleApplied(now - record.timestamp());
            Rule rule = book.get(record.key());
            LOG.info("rule '{}' v{} by {} in force ({} ms after it was written): {}; version {} in force now", rule.id(),
                    rule.version(), rule.author(), now - record.timestamp(), rule.describe(), book.version(now));
        }
    }

    /**
     * Validated again: the topic holds what some instance accepted, and an instance configured
     * differently (a region or category it lacks) must not apply what it cannot honour.
     */
    private boolean apply(String id, String json) {
        RuleValidator.Result r = validator.validate(id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
        if (!r.isValid()) {
            LOG.warn("accepted rule '{}' is not valid for this instance's configuration ({}: {}): not applied here", id,
                    r.field(), r.reason());
            book.remove(id);
            return false;
        }
        book.put(r.rule());
        return true;
    }
}
