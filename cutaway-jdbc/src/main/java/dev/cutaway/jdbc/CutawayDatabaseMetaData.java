package dev.cutaway.jdbc;

import dev.cutaway.sql.engine.Result;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.time.ZoneOffset;

/**
 * What the driver tells tools about the database: names and versions, the transaction
 * features, and the catalog ({@link CatalogResults}). Methods not overridden here throw
 * {@link java.sql.SQLFeatureNotSupportedException}.
 */
final class CutawayDatabaseMetaData extends RefusingDatabaseMetaData {
    static final String PRODUCT_NAME = "Cutaway";
    static final String PRODUCT_VERSION = "0.1.0";

    private final CutawayConnection connection;

    CutawayDatabaseMetaData(CutawayConnection connection) {
        this.connection = connection;
    }

    private ResultSet rows(Result result) {
        return new CutawayResultSet(null, result, 0, ZoneOffset.UTC);
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tablePattern,
            String[] types) {
        return rows(CatalogResults.tables(connection.database(), schemaPattern, tablePattern,
                types));
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern,
            String columnPattern) {
        return rows(CatalogResults.columns(connection.database(), schemaPattern, tablePattern,
                columnPattern));
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) {
        return rows(CatalogResults.primaryKeys(connection.database(), schema, table));
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table,
            boolean unique, boolean approximate) {
        return rows(CatalogResults.indexInfo(connection.database(), schema, table, unique));
    }

    @Override
    public ResultSet getSchemas() {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) {
        return rows(CatalogResults.schemas(connection.database(), schemaPattern));
    }

    @Override
    public ResultSet getTableTypes() {
        return rows(CatalogResults.tableTypes());
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    @Override
    public String getUserName() {
        return "";
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public String getDatabaseProductName() {
        return PRODUCT_NAME;
    }

    @Override
    public String getDatabaseProductVersion() {
        return PRODUCT_VERSION;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return 0;
    }

    @Override
    public int getDatabaseMinorVersion() {
        return 1;
    }

    @Override
    public String getDriverName() {
        return CutawayDriver.NAME;
    }

    @Override
    public String getDriverVersion() {
        return CutawayDriver.MAJOR_VERSION + "." + CutawayDriver.MINOR_VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return CutawayDriver.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return CutawayDriver.MINOR_VERSION;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 3;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getCatalogTerm() {
        return "database";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_READ_COMMITTED;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_READ_UNCOMMITTED
                || level == Connection.TRANSACTION_READ_COMMITTED
                || level == Connection.TRANSACTION_REPEATABLE_READ
                || level == Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;   // DDL is transactional (ADR 0013)
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean allProceduresAreCallable() {
        return false;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return true;   // PostgreSQL's order: NULLS LAST ascending
    }

    @Override
    public boolean nullsAreSortedLow() {
        return false;
    }

    @Override
    public boolean usesLocalFiles() {
        return true;
    }
}
