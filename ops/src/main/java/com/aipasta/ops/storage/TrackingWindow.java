package com.aipasta.ops.storage;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The events a tracking token has seen within its look-back window, as a read-only map of event ids to their times.
 * The tokens one read advances through, one event apart, share one log of the events in the order they were seen:
 * each token's window is a range of it, less the events older than the token's cut-off. Advancing appends one entry
 * and moves the range's start past the events grown too old, so a token costs a few dozen bytes of its own where a
 * persistent map and set cost about 1.6 KB (forty-odd tree nodes), and the event store keeps tens of thousands of
 * tokens, one per cached event, that live long enough for the collector to copy them from one young collection to the
 * next. Two reads advancing from the same token with different events get logs of their own; a log whose start is
 * mostly behind every window is copied once its dead part outgrows the window, so appending costs constant time on
 * average and a log holds at most about twice its window.
 */
final class TrackingWindow extends AbstractMap<String, Long> implements Serializable {

    private static final Comparator<Seen> OLDEST_FIRST = Comparator.comparingLong(Seen::timestamp)
            .thenComparing(Seen::eventId);
    /** A log is copied only once the part behind the window is this long, so small windows are not copied often. */
    private static final int SMALLEST_COPIED_PREFIX = 1_024;
    private static final byte UUID_ID = 0;
    private static final byte TEXT_ID = 1;
    private static final int UUID_LENGTH = 36;

    private final Log log;
    private final int from;
    private final int to;
    private final long cutOff;

    private TrackingWindow(Log log, int from, int to, long cutOff) {
        this.log = log;
        this.from = from;
        this.to = to;
        this.cutOff = cutOff;
    }

    /**
     * An event of the window, with its id as the window stores it ({@link SharedWindowTrackingToken#window()}),
     * worked out once when the event enters the window: every busy processor stores its token once per
     * {@code EVENT_PROCESSOR_TOKEN_INTERVAL}, each time with the whole window.
     */
    record Seen(long timestamp, String eventId, byte[] storedId) implements Serializable {

        static Seen of(long timestamp, String eventId) {
            return new Seen(timestamp, eventId, storedId(eventId));
        }

        private static byte[] storedId(String eventId) {
            UUID uuid = asUuid(eventId);
            if (uuid != null) {
                return ByteBuffer.allocate(1 + Long.BYTES * 2).put(UUID_ID).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits()).array();
            }
            byte[] text = eventId.getBytes(StandardCharsets.UTF_8);
            ByteBuffer stored = ByteBuffer.allocate(1 + varLongLength(text.length) + text.length).put(TEXT_ID);
            writeVarLong(stored, text.length);
            return stored.put(text).array();
        }
    }

    /** The window of these events, all of them whatever their time. */
    static TrackingWindow of(Map<String, Long> events) {
        return byTime(events.entrySet().stream().map(event -> Seen.of(event.getValue(), event.getKey())).toList());
    }

    /** The window of these events in a log of their own, sorted by time, whatever their time. */
    private static TrackingWindow byTime(List<Seen> events) {
        List<Seen> byTime = events.stream().sorted(OLDEST_FIRST).toList();
        Log log = new Log(byTime.size());
        byTime.forEach(seen -> log.append(log.size(), seen));
        return new TrackingWindow(log, 0, byTime.size(), Long.MIN_VALUE);
    }

    /**
     * This window with the event added and without the events older than {@code newCutOff}, or than its own cut-off,
     * should that be later.
     */
    TrackingWindow plus(long timestamp, String eventId, long newCutOff) {
        long laterCutOff = Math.max(cutOff, newCutOff);
        Seen seen = Seen.of(timestamp, eventId);
        Log target = log;
        int start = from;
        if (!log.append(to, seen)) {
            target = log.copy(from, to);
            start = 0;
            target.append(target.size(), seen);
        }
        int end = start + to - from + 1;
        while (start < end && target.at(start).timestamp() < laterCutOff) {
            start++;
        }
        if (start >= SMALLEST_COPIED_PREFIX && start > end - start) {
            target = target.copy(start, end);
            end -= start;
            start = 0;
        }
        return new TrackingWindow(target, start, end, laterCutOff);
    }

    /**
     * The window's events in the order they were seen: by time, but for those that came in late. Not sorted, since
     * every busy processor stores its window this way once per {@code EVENT_PROCESSOR_TOKEN_INTERVAL}, thousands of
     * events under load, many of them late, and sorting them took more CPU than the rest of the token's store.
     */
    List<Seen> inOrderSeen() {
        List<Seen> events = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Seen seen = log.at(i);
            if (seen.timestamp() >= cutOff) {
                events.add(seen);
            }
        }
        return events;
    }

    /**
     * Whether every event the window holds passes {@code test}, asked from the one seen last back: a replay asks
     * whether the token at its start covers the one it has reached, and the other way round, and where one has not
     * seen all the other has, the events it lacks are the other's last, so the answer no comes at once.
     */
    boolean allMatchNewestFirst(Predicate<Seen> test) {
        Seen[] seen = log.entries().seen();
        for (int i = to - 1; i >= from; i--) {
            if (seen[i].timestamp() >= cutOff && !test.test(seen[i])) {
                return false;
            }
        }
        return true;
    }

    /** The event added last, which the window holds unless it was already older than the cut-off. */
    Seen newest() {
        return log.at(to - 1);
    }

    /**
     * The window packed as {@link SharedWindowTrackingToken#window()} stores it: for each event, in the order seen, its
     * time as the difference from the one before (the first from {@code timestamp}), then its stored id.
     */
    byte[] packed(long timestamp) {
        List<Seen> inOrderSeen = inOrderSeen();
        int length = 0;
        long previous = timestamp;
        for (Seen seen : inOrderSeen) {
            length += varLongLength(zigZag(seen.timestamp() - previous)) + seen.storedId().length;
            previous = seen.timestamp();
        }
        ByteBuffer packed = ByteBuffer.allocate(length);
        previous = timestamp;
        for (Seen seen : inOrderSeen) {
            writeVarLong(packed, zigZag(seen.timestamp() - previous));
            previous = seen.timestamp();
            packed.put(seen.storedId());
        }
        return packed.array();
    }

    /**
     * The window of a token read back, {@link #packed} against {@code timestamp}: its events by time, each keeping its
     * stored id as read, so the events of a replay's start (thousands) are not parsed twice. By time, since a replay
     * asks its start's oldest event at every event, and events that came in late would make that a walk of them all.
     */
    static TrackingWindow ofPacked(long timestamp, byte[] window) {
        ByteBuffer packed = ByteBuffer.wrap(window);
        List<Seen> events = new ArrayList<>();
        long previous = timestamp;
        while (packed.hasRemaining()) {
            long time = previous + unZigZag(readVarLong(packed));
            previous = time;
            int storedIdStart = packed.position();
            byte kind = packed.get();
            String eventId;
            if (kind == UUID_ID) {
                eventId = new UUID(packed.getLong(), packed.getLong()).toString();
            } else if (kind == TEXT_ID) {
                byte[] text = new byte[(int) readVarLong(packed)];
                packed.get(text);
                eventId = new String(text, StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException("Not a packed tracking window: unknown id kind " + kind);
            }
            events.add(new Seen(time, eventId, Arrays.copyOfRange(window, storedIdStart, packed.position())));
        }
        return byTime(events);
    }

    /**
     * The time of the oldest event, or {@code Long.MAX_VALUE} for an empty window: the range's first, unless one of
     * the events that came in late is older. Every other event of the range is at least as new as those before it.
     */
    long oldest() {
        long oldest = from < to ? log.at(from).timestamp() : Long.MAX_VALUE;
        Log.Entries entries = log.entries();
        for (int i = entries.firstLateFrom(from); i < entries.lateCount() && entries.late()[i] < to; i++) {
            long time = entries.seen()[entries.late()[i]].timestamp();
            if (time >= cutOff) {
                oldest = Math.min(oldest, time);
            }
        }
        return oldest;
    }

    /** How many of the events happened at or after {@code earliest}. */
    long seenSince(long earliest) {
        return earliest <= oldest() ? size() : idsSince(earliest).size();
    }

    /**
     * How many of the events happened in the millisecond {@code newest}, the latest of the window: the last it saw,
     * walked back past those that came in late, which are all older.
     */
    int seenAt(long newest) {
        Log.Entries entries = log.entries();
        int late = entries.firstLateFrom(to) - 1;
        int seen = 0;
        for (int i = to - 1; i >= from; i--) {
            if (late >= 0 && entries.late()[late] == i) {
                late--;
            } else if (entries.seen()[i].timestamp() == newest) {
                seen++;
            } else {
                break;
            }
        }
        return seen;
    }

    /** The ids of the events that happened at or after {@code earliest}. */
    List<String> idsSince(long earliest) {
        return inOrderSeen().stream().filter(seen -> seen.timestamp() >= earliest).map(Seen::eventId).toList();
    }

    @Override
    public boolean containsKey(Object eventId) {
        return position(eventId) >= 0;
    }

    @Override
    public Long get(Object eventId) {
        int position = position(eventId);
        return position < 0 ? null : log.at(position).timestamp();
    }

    private int position(Object eventId) {
        Integer position = log.positions.get(eventId);
        return position != null && position >= from && position < to
                && log.at(position).timestamp() >= cutOff ? position : -1;
    }

    /** The range, less the events that came in late and are older than the cut-off. */
    @Override
    public int size() {
        int size = to - from;
        Log.Entries entries = log.entries();
        for (int i = entries.firstLateFrom(from); i < entries.lateCount() && entries.late()[i] < to; i++) {
            if (entries.seen()[entries.late()[i]].timestamp() < cutOff) {
                size--;
            }
        }
        return size;
    }

    /**
     * As a map's, but at once for two windows of one log whose longer range ends in an event it holds: the other
     * cannot hold it, its range ending before. That is how a processor compares the token it stopped at with the next
     * event's, one event on, at every batch; compared as maps, by walking the window and its late events (thousands
     * under load), they took about a fiftieth of all the bytes the platform allocated.
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof TrackingWindow that && that.log == log && that.to != to) {
            TrackingWindow longer = that.to > to ? that : this;
            if (!longer.isEmpty() && longer.newest().timestamp() >= longer.cutOff) {
                return false;
            }
        }
        if (!(other instanceof Map<?, ?> map) || map.size() != size()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            Seen seen = log.at(i);
            if (seen.timestamp() >= cutOff && !(map.get(seen.eventId()) instanceof Long time
                    && time == seen.timestamp())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** Without walking the late events, as {@link #size} would: the range's first is never older than the cut-off. */
    @Override
    public boolean isEmpty() {
        return from == to;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Long>> iterator() {
                return inOrderSeen().stream().<Entry<String, Long>>map(seen ->
                        new SimpleImmutableEntry<>(seen.eventId(), seen.timestamp())).iterator();
            }

            @Override
            public int size() {
                return TrackingWindow.this.size();
            }
        };
    }

    /**
     * The events in the order they were seen, shared by the windows of one read. Entries are only ever appended, and
     * an entry below a window's end never changes, so windows read them without a lock: the arrays they read were
     * published with the token that holds them, or copied from them afterwards.
     */
    private static final class Log implements Serializable {

        /**
         * The entries, and the positions of those that came in late (older than an entry before them) in ascending
         * order, the first {@code lateCount} of {@code late}. Replaced when it grows and at every late entry.
         */
        private record Entries(Seen[] seen, int[] late, int lateCount) implements Serializable {

            /** The index in {@code late} of the first entry that came in late at or after {@code position}. */
            int firstLateFrom(int position) {
                int found = Arrays.binarySearch(late, 0, lateCount, position);
                return found < 0 ? -found - 1 : found;
            }
        }

        private final Map<String, Integer> positions;
        private volatile Entries entries;
        private int size;
        private long newest = Long.MIN_VALUE;

        Log(int capacity) {
            int room = Math.max(capacity, 16);
            entries = new Entries(new Seen[room], new int[4], 0);
            positions = new ConcurrentHashMap<>(room);
        }

        Seen at(int position) {
            return entries.seen()[position];
        }

        /** The entries as they stand, for a walk of those that came in late. */
        Entries entries() {
            return entries;
        }

        synchronized int size() {
            return size;
        }

        /**
         * Appends the event at {@code position}, the end of the window asking. Whether it holds that event there now:
         * false when another read already appended a different one.
         */
        synchronized boolean append(int position, Seen seen) {
            if (position < size) {
                Seen there = at(position);
                return there.timestamp() == seen.timestamp() && there.eventId().equals(seen.eventId());
            }
            Entries current = entries;
            Seen[] all = size == current.seen().length ? Arrays.copyOf(current.seen(), size * 2) : current.seen();
            all[size] = seen;
            if (seen.timestamp() < newest) {
                int[] late = current.lateCount() == current.late().length
                        ? Arrays.copyOf(current.late(), current.lateCount() * 2) : current.late();
                late[current.lateCount()] = size;
                entries = new Entries(all, late, current.lateCount() + 1);
            } else if (all != current.seen()) {
                entries = new Entries(all, current.late(), current.lateCount());
            }
            newest = Math.max(newest, seen.timestamp());
            positions.put(seen.eventId(), size);
            size++;
            return true;
        }

        /** A new log of this one's entries from {@code start} to {@code end}. */
        Log copy(int start, int end) {
            Log copy = new Log(end - start + 1);
            for (int i = start; i < end; i++) {
                copy.append(i - start, at(i));
            }
            return copy;
        }
    }

    private static UUID asUuid(String eventId) {
        if (eventId.length() != UUID_LENGTH) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(eventId);
            return uuid.toString().equals(eventId) ? uuid : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = in.get();
            value |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
        }
    }

    /** The bytes {@link #writeVarLong} takes for {@code value}. */
    private static int varLongLength(long value) {
        return Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
    }

    private static void writeVarLong(ByteBuffer out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }
}
