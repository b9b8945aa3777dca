package org.unrestwatch.detect;

import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * A region's alert story, kept in the alert state store: whether one is open, its id, type and
 * current severity, how many versions of it have been emitted, how many calm windows have passed,
 * and until when a new alert is held back.
 */
public final class AlertState {
    boolean open;
    String alertId;
    AlertType type;
    Severity severity;
    long openedWindow;
    /** Versions emitted: 1 for the OPEN, one more for each UPDATED and for the RESOLVED. */
    int version;
    int calmWindows;
    long cooldownUntil = Long.MIN_VALUE;

    public boolean isOpen() {
        return open;
    }

    public String alertId() {
        return alertId;
    }

    public AlertType type() {
        return type;
    }

    public Severity severity() {
        return severity;
    }

    public long openedWindow() {
        return openedWindow;
    }

    public int version() {
        return version;
    }

    public static final BinaryCodec<AlertState> CODEC = new BinaryCodec<>() {
        /** Version 1 did not count versions: an open story read from it counts on from 1. */
        private static final int VERSION = 2;

        @Override
        public void write(AlertState s, BinaryWriter out) {
            out.writeByte(VERSION).writeBoolean(s.open).writeString(s.alertId)
                    .writeString(s.type == null ? null : s.type.name())
                    .writeString(s.severity == null ? null : s.severity.name())
                    .writeLong(s.openedWindow).writeVarInt(s.calmWindows).writeLong(s.cooldownUntil).writeVarInt(s.version);
        }

        @Override
        public AlertState read(BinaryReader in) {
            int version = in.readByte();
            if (version != 1 && version != VERSION) {
                throw new IllegalStateException("unknown AlertState version " + version);
            }
            AlertState s = new AlertState();
            s.open = in.readBoolean();
            s.alertId = in.readString();
            String type = in.readString();
            s.type = type == null ? null : AlertType.valueOf(type);
            String severity = in.readString();
            s.severity = severity == null ? null : Severity.valueOf(severity);
            s.openedWindow = in.readLong();
            s.calmWindows = in.readVarInt();
            s.cooldownUntil = in.readLong();
            s.version = version == VERSION ? in.readVarInt() : s.open ? 1 : 0;
            return s;
        }
    };
}
