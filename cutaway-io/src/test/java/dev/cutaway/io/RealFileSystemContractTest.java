package dev.cutaway.io;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RealFileSystemContractTest extends FileSystemContractTest {
    @TempDir
    Path tempDir;

    @Override
    FileSystem newFileSystem() {
        return new RealFileSystem();
    }

    @Override
    Path newDirectory(FileSystem fs) {
        return tempDir;
    }
}
