package dev.cutaway.kv.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockSweepTest {
    @Test
    void unreferencedFrameIsChosenFirst() {
        ClockSweep clock = new ClockSweep(4);
        clock.touch(0);
        clock.touch(1);
        assertThat(clock.pickVictim(f -> true)).isEqualTo(2);
    }

    @Test
    void referencedFramesGetASecondChance() {
        ClockSweep clock = new ClockSweep(3);
        for (int f = 0; f < 3; f++) {
            clock.touch(f);
        }
        // First turn clears every bit, so the sweep comes back to frame 0.
        assertThat(clock.pickVictim(f -> true)).isEqualTo(0);
        clock.touch(1);
        assertThat(clock.pickVictim(f -> true)).isEqualTo(2); // 1 was touched again
        assertThat(clock.pickVictim(f -> true)).isEqualTo(0);
    }

    @Test
    void pinnedFramesAreSkipped() {
        ClockSweep clock = new ClockSweep(4);
        assertThat(clock.pickVictim(f -> f == 3)).isEqualTo(3);
        assertThat(clock.hand()).isEqualTo(0);
    }

    @Test
    void allFramesPinnedGivesUpAfterTwoTurns() {
        ClockSweep clock = new ClockSweep(8);
        int[] asked = {0};
        assertThat(clock.pickVictim(f -> {
            asked[0]++;
            return false;
        })).isEqualTo(-1);
        assertThat(asked[0]).isLessThanOrEqualTo(2 * 8 + 1);
    }

    @Test
    void scanOfColdPagesDoesNotEvictAHotOneBeforeTheColdOnes() {
        ClockSweep clock = new ClockSweep(4);
        clock.touch(0); // hot
        int[] victims = new int[3];
        for (int i = 0; i < 3; i++) {
            victims[i] = clock.pickVictim(f -> true);
            clock.touch(0);
        }
        assertThat(victims).doesNotContain(0);
    }
}
