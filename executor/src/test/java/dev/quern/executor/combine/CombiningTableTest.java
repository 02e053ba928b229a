package dev.quern.executor.combine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table's own bookkeeping: its memory stays within its budget, and pending values come back as added. */
class CombiningTableTest {

    @Test
    void itsArraysNeverTakeMoreThanItsBudget() {
        for (long budget : new long[] {64 << 10, 100_000, 1 << 20, 2 << 20, 3 << 20, 5_000_000, 64 << 20}) {
            CombiningTable table = new CombiningTable(budget);
            assertThat(table.footprintBytes()).as("budget %d", budget).isLessThanOrEqualTo(budget);
            if (budget <= 5_000_000) { // larger tables cap their pending area at 4 MiB
                assertThat(table.footprintBytes()).as("budget %d", budget).isGreaterThan(budget * 3 / 4);
            }
        }
    }

    @Test
    void pendingValuesOfEveryLengthComeBackPerKeyInArrivalOrder() {
        CombiningTable table = new CombiningTable(64 << 10);
        Random random = new Random(7);
        Map<String, List<String>> oracle = new LinkedHashMap<>();
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            String key = "key-" + random.nextInt(20);
            String value = "v".repeat(random.nextInt(40)) + i; // 1 to 42 bytes
            byte[] record = (key + value).getBytes(StandardCharsets.UTF_8);
            int keyLength = key.length();
            int hash = table.hash(record, 0, keyLength);
            int slot = table.find(record, 0, keyLength, hash, table.lastFirst);
            if (slot < 0) {
                assertThat(table.insert(-slot - 1, record, 0, keyLength, keyLength, 0, hash, table.lastFirst)).isTrue();
                slot = table.find(record, 0, keyLength, hash, table.lastFirst);
            }
            if (!table.addPending(slot, record, keyLength, record.length - keyLength)) {
                break; // the pending area is full: check what it holds
            }
            slots.put(key, slot);
            oracle.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        assertThat(oracle).hasSize(20);
        for (int i = 0; i < table.touchedCount(); i++) {
            int id = table.touched(i);
            String key = new String(table.arena(), table.keyOffset(id), table.keyLength(id), StandardCharsets.UTF_8);
            List<String> values = new ArrayList<>();
            for (int p = table.firstPending(id); p != CombiningTable.NONE; p = table.nextPending(p)) {
                values.add(new String(table.pendingBytes(), table.pendingOffset(p), table.pendingLength(p), StandardCharsets.UTF_8));
            }
            assertThat(values).as(key).isEqualTo(oracle.get(key));
        }
        assertThat(table.touchedCount()).isEqualTo(slots.size());
    }
}
