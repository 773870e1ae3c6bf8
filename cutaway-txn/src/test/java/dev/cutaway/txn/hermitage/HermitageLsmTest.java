package dev.cutaway.txn.hermitage;

import dev.cutaway.kv.NodeOptions.EngineKind;

/**
 * {@link HermitageTest} on the LSM engine: isolation must not depend on the engine under the
 * transaction layer (its snapshot cursor walks each engine's own cursors).
 */
class HermitageLsmTest extends HermitageTest {

    @Override
    EngineKind engine() {
        return EngineKind.LSM;
    }
}
