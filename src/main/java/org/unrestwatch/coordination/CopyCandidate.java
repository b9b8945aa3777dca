package org.unrestwatch.coordination;

import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * A protest post as copy-paste detection sees it: when, which post, by whom, whether the account
 * is new, and its {@link CopyPrint}. Ordered by event time, then post id: the order in which the
 * region stage clusters them, whatever order the partitions delivered them in.
 */
public record CopyCandidate(long timeMs, String postId, String account, boolean newAccount, CopyPrint print)
        implements Comparable<CopyCandidate> {

    @Override
    public int compareTo(CopyCandidate o) {
        int c = Long.compare(timeMs, o.timeMs);
        return c != 0 ? c : postId.compareTo(o.postId);
    }

    public void write(BinaryWriter out) {
        out.writeVarLong(timeMs).writeString(postId).writeString(account).writeBoolean(newAccount);
        print.write(out);
    }

    public static CopyCandidate read(BinaryReader in) {
        return new CopyCandidate(in.readVarLong(), in.readString(), in.readString(), in.readBoolean(), CopyPrint.read(in));
    }
}
