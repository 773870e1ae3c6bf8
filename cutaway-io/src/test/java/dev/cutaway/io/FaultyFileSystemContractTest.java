package dev.cutaway.io;

import java.io.IOException;
import java.nio.file.Path;

class FaultyFileSystemContractTest extends FileSystemContractTest {
    private FaultyFileSystem faulty;

    @Override
    FileSystem newFileSystem() {
        faulty = new FaultyFileSystem(42);
        return faulty;
    }

    @Override
    Path newDirectory(FileSystem fs) throws IOException {
        Path dir = Path.of("/data/contract");
        fs.createDirectories(dir);
        return dir;
    }

    @org.junit.jupiter.api.AfterEach
    void invariantsStillHold() {
        faulty.checkInvariants();
    }
}
