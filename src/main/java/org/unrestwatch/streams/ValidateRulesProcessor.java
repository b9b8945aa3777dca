package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.DeadLetter;
import org.unrestwatch.post.RejectReason;
import org.unrestwatch.post.Rejection;
import org.unrestwatch.rules.RuleValidator;

/**
 * Checks each record of the rules topic once, in the one task that reads it: a valid rule (or a
 * deletion) goes on to the accepted-rules topic that every instance loads; anything else goes to
 * the dead-letter topic with its reason and is never applied.
 */
final class ValidateRulesProcessor implements Processor<byte[], byte[], byte[], RuleVerdict> {
    private static final Logger LOG = LoggerFactory.getLogger(ValidateRulesProcessor.class);

    private final RuleValidator validator;
    private final DetectorMetrics metrics;
    private final int deadLetterMaxBytes;
    private ProcessorContext<byte[], RuleVerdict> context;

    ValidateRulesProcessor(RuleValidator validator, DetectorMetrics metrics, int deadLetterMaxBytes) {
        this.validator = validator;
        this.metrics = metrics;
        this.deadLetterMaxBytes = deadLetterMaxBytes;
    }

    @Override
    public void init(ProcessorContext<byte[], RuleVerdict> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String id = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null && id != null && !id.isEmpty()) {
            context.forward(new Record<>(record.key(), RuleVerdict.accepted(id, null), record.timestamp(), new RecordHeaders()));
            return;
        }
        RuleValidator.Result result = validator.validate(record.key(), record.value());
        if (result.isValid()) {
            context.forward(new Record<>(record.key(), RuleVerdict.accepted(id, new String(record.value(), StandardCharsets.UTF_8)),
                    record.timestamp(), new RecordHeaders()));
            return;
        }
        long now = context.currentSystemTimeMs();
        Rejection why = new Rejection(RejectReason.INVALID_RULE, result.field(),
                record.value() == null ? "a deletion (tombstone) needs the rule id as its key" : result.reason());
        LOG.warn("rule {} refused, not applied ({}); it is in the dead-letter topic", id == null ? "(no key)" : "'" + id + "'", why);
        metrics.ruleRejected();
        DeadLetter.Builder letter = DeadLetter.of(record.key(), record.value(), record.headers()).rejection(why);
        RecordMetadata origin = context.recordMetadata().orElse(null);
        if (origin != null) {
            letter.source(origin.topic(), origin.partition(), origin.offset());
        }
        DeadLetter dead = letter.rejectedAt(now).build(deadLetterMaxBytes);
        context.forward(new Record<>(dead.key(), RuleVerdict.refused(dead.value() == null ? new byte[0] : dead.value()), now,
                dead.headers()));
    }
}
