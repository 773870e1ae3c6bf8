package dev.cutaway.jdbc;

import java.sql.*;

/**
 * Generated from {@code java.sql.DatabaseMetaData} (javap): every method of the interface throws
 * {@link SQLFeatureNotSupportedException} (SQLSTATE 0A000) until a subclass overrides it, so
 * what the driver does not support fails loudly and the supported part reads on its own.
 * Regenerate rather than edit by hand; overriding belongs in the subclass.
 */
abstract class RefusingDatabaseMetaData implements DatabaseMetaData {

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** The exception every method this driver does not support throws. */
    static SQLFeatureNotSupportedException refused(String method) {
        return new SQLFeatureNotSupportedException(
                "DatabaseMetaData." + method + " is not supported by the Cutaway driver", "0A000");
    }

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        throw refused("allProceduresAreCallable");
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        throw refused("allTablesAreSelectable");
    }

    @Override
    public String getURL() throws SQLException {
        throw refused("getURL");
    }

    @Override
    public String getUserName() throws SQLException {
        throw refused("getUserName");
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        throw refused("isReadOnly");
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        throw refused("nullsAreSortedHigh");
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        throw refused("nullsAreSortedLow");
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        throw refused("nullsAreSortedAtStart");
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        throw refused("nullsAreSortedAtEnd");
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        throw refused("getDatabaseProductName");
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        throw refused("getDatabaseProductVersion");
    }

    @Override
    public String getDriverName() throws SQLException {
        throw refused("getDriverName");
    }

    @Override
    public String getDriverVersion() throws SQLException {
        throw refused("getDriverVersion");
    }

    @Override
    public int getDriverMajorVersion() {
        throw new UnsupportedOperationException("getDriverMajorVersion is not supported");
    }

    @Override
    public int getDriverMinorVersion() {
        throw new UnsupportedOperationException("getDriverMinorVersion is not supported");
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        throw refused("usesLocalFiles");
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        throw refused("usesLocalFilePerTable");
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        throw refused("supportsMixedCaseIdentifiers");
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        throw refused("storesUpperCaseIdentifiers");
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        throw refused("storesLowerCaseIdentifiers");
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        throw refused("storesMixedCaseIdentifiers");
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        throw refused("supportsMixedCaseQuotedIdentifiers");
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        throw refused("storesUpperCaseQuotedIdentifiers");
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        throw refused("storesLowerCaseQuotedIdentifiers");
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        throw refused("storesMixedCaseQuotedIdentifiers");
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        throw refused("getIdentifierQuoteString");
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        throw refused("getSQLKeywords");
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        throw refused("getNumericFunctions");
    }

    @Override
    public String getStringFunctions() throws SQLException {
        throw refused("getStringFunctions");
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        throw refused("getSystemFunctions");
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        throw refused("getTimeDateFunctions");
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        throw refused("getSearchStringEscape");
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        throw refused("getExtraNameCharacters");
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        throw refused("supportsAlterTableWithAddColumn");
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        throw refused("supportsAlterTableWithDropColumn");
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        throw refused("supportsColumnAliasing");
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        throw refused("nullPlusNonNullIsNull");
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        throw refused("supportsConvert");
    }

    @Override
    public boolean supportsConvert(int p0, int p1) throws SQLException {
        throw refused("supportsConvert");
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        throw refused("supportsTableCorrelationNames");
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        throw refused("supportsDifferentTableCorrelationNames");
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        throw refused("supportsExpressionsInOrderBy");
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        throw refused("supportsOrderByUnrelated");
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        throw refused("supportsGroupBy");
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        throw refused("supportsGroupByUnrelated");
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        throw refused("supportsGroupByBeyondSelect");
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        throw refused("supportsLikeEscapeClause");
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        throw refused("supportsMultipleResultSets");
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        throw refused("supportsMultipleTransactions");
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        throw refused("supportsNonNullableColumns");
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        throw refused("supportsMinimumSQLGrammar");
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        throw refused("supportsCoreSQLGrammar");
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        throw refused("supportsExtendedSQLGrammar");
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        throw refused("supportsANSI92EntryLevelSQL");
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        throw refused("supportsANSI92IntermediateSQL");
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        throw refused("supportsANSI92FullSQL");
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        throw refused("supportsIntegrityEnhancementFacility");
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        throw refused("supportsOuterJoins");
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        throw refused("supportsFullOuterJoins");
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        throw refused("supportsLimitedOuterJoins");
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        throw refused("getSchemaTerm");
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        throw refused("getProcedureTerm");
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        throw refused("getCatalogTerm");
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        throw refused("isCatalogAtStart");
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        throw refused("getCatalogSeparator");
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        throw refused("supportsSchemasInDataManipulation");
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        throw refused("supportsSchemasInProcedureCalls");
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        throw refused("supportsSchemasInTableDefinitions");
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        throw refused("supportsSchemasInIndexDefinitions");
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        throw refused("supportsSchemasInPrivilegeDefinitions");
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        throw refused("supportsCatalogsInDataManipulation");
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        throw refused("supportsCatalogsInProcedureCalls");
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        throw refused("supportsCatalogsInTableDefinitions");
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        throw refused("supportsCatalogsInIndexDefinitions");
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        throw refused("supportsCatalogsInPrivilegeDefinitions");
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        throw refused("supportsPositionedDelete");
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        throw refused("supportsPositionedUpdate");
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        throw refused("supportsSelectForUpdate");
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        throw refused("supportsStoredProcedures");
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        throw refused("supportsSubqueriesInComparisons");
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        throw refused("supportsSubqueriesInExists");
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        throw refused("supportsSubqueriesInIns");
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        throw refused("supportsSubqueriesInQuantifieds");
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        throw refused("supportsCorrelatedSubqueries");
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        throw refused("supportsUnion");
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        throw refused("supportsUnionAll");
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        throw refused("supportsOpenCursorsAcrossCommit");
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        throw refused("supportsOpenCursorsAcrossRollback");
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        throw refused("supportsOpenStatementsAcrossCommit");
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        throw refused("supportsOpenStatementsAcrossRollback");
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        throw refused("getMaxBinaryLiteralLength");
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        throw refused("getMaxCharLiteralLength");
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        throw refused("getMaxColumnNameLength");
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        throw refused("getMaxColumnsInGroupBy");
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        throw refused("getMaxColumnsInIndex");
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        throw refused("getMaxColumnsInOrderBy");
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        throw refused("getMaxColumnsInSelect");
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        throw refused("getMaxColumnsInTable");
    }

    @Override
    public int getMaxConnections() throws SQLException {
        throw refused("getMaxConnections");
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        throw refused("getMaxCursorNameLength");
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        throw refused("getMaxIndexLength");
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        throw refused("getMaxSchemaNameLength");
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        throw refused("getMaxProcedureNameLength");
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        throw refused("getMaxCatalogNameLength");
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        throw refused("getMaxRowSize");
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        throw refused("doesMaxRowSizeIncludeBlobs");
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        throw refused("getMaxStatementLength");
    }

    @Override
    public int getMaxStatements() throws SQLException {
        throw refused("getMaxStatements");
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        throw refused("getMaxTableNameLength");
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        throw refused("getMaxTablesInSelect");
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        throw refused("getMaxUserNameLength");
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        throw refused("getDefaultTransactionIsolation");
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        throw refused("supportsTransactions");
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int p0) throws SQLException {
        throw refused("supportsTransactionIsolationLevel");
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        throw refused("supportsDataDefinitionAndDataManipulationTransactions");
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        throw refused("supportsDataManipulationTransactionsOnly");
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        throw refused("dataDefinitionCausesTransactionCommit");
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        throw refused("dataDefinitionIgnoredInTransactions");
    }

    @Override
    public ResultSet getProcedures(String p0, String p1, String p2) throws SQLException {
        throw refused("getProcedures");
    }

    @Override
    public ResultSet getProcedureColumns(String p0, String p1, String p2, String p3)
            throws SQLException {
        throw refused("getProcedureColumns");
    }

    @Override
    public ResultSet getTables(String p0, String p1, String p2, String[] p3) throws SQLException {
        throw refused("getTables");
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        throw refused("getSchemas");
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        throw refused("getCatalogs");
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        throw refused("getTableTypes");
    }

    @Override
    public ResultSet getColumns(String p0, String p1, String p2, String p3) throws SQLException {
        throw refused("getColumns");
    }

    @Override
    public ResultSet getColumnPrivileges(String p0, String p1, String p2, String p3)
            throws SQLException {
        throw refused("getColumnPrivileges");
    }

    @Override
    public ResultSet getTablePrivileges(String p0, String p1, String p2) throws SQLException {
        throw refused("getTablePrivileges");
    }

    @Override
    public ResultSet getBestRowIdentifier(String p0, String p1, String p2, int p3, boolean p4)
            throws SQLException {
        throw refused("getBestRowIdentifier");
    }

    @Override
    public ResultSet getVersionColumns(String p0, String p1, String p2) throws SQLException {
        throw refused("getVersionColumns");
    }

    @Override
    public ResultSet getPrimaryKeys(String p0, String p1, String p2) throws SQLException {
        throw refused("getPrimaryKeys");
    }

    @Override
    public ResultSet getImportedKeys(String p0, String p1, String p2) throws SQLException {
        throw refused("getImportedKeys");
    }

    @Override
    public ResultSet getExportedKeys(String p0, String p1, String p2) throws SQLException {
        throw refused("getExportedKeys");
    }

    @Override
    public ResultSet getCrossReference(String p0, String p1, String p2, String p3, String p4,
            String p5) throws SQLException {
        throw refused("getCrossReference");
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        throw refused("getTypeInfo");
    }

    @Override
    public ResultSet getIndexInfo(String p0, String p1, String p2, boolean p3, boolean p4)
            throws SQLException {
        throw refused("getIndexInfo");
    }

    @Override
    public boolean supportsResultSetType(int p0) throws SQLException {
        throw refused("supportsResultSetType");
    }

    @Override
    public boolean supportsResultSetConcurrency(int p0, int p1) throws SQLException {
        throw refused("supportsResultSetConcurrency");
    }

    @Override
    public boolean ownUpdatesAreVisible(int p0) throws SQLException {
        throw refused("ownUpdatesAreVisible");
    }

    @Override
    public boolean ownDeletesAreVisible(int p0) throws SQLException {
        throw refused("ownDeletesAreVisible");
    }

    @Override
    public boolean ownInsertsAreVisible(int p0) throws SQLException {
        throw refused("ownInsertsAreVisible");
    }

    @Override
    public boolean othersUpdatesAreVisible(int p0) throws SQLException {
        throw refused("othersUpdatesAreVisible");
    }

    @Override
    public boolean othersDeletesAreVisible(int p0) throws SQLException {
        throw refused("othersDeletesAreVisible");
    }

    @Override
    public boolean othersInsertsAreVisible(int p0) throws SQLException {
        throw refused("othersInsertsAreVisible");
    }

    @Override
    public boolean updatesAreDetected(int p0) throws SQLException {
        throw refused("updatesAreDetected");
    }

    @Override
    public boolean deletesAreDetected(int p0) throws SQLException {
        throw refused("deletesAreDetected");
    }

    @Override
    public boolean insertsAreDetected(int p0) throws SQLException {
        throw refused("insertsAreDetected");
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        throw refused("supportsBatchUpdates");
    }

    @Override
    public ResultSet getUDTs(String p0, String p1, String p2, int[] p3) throws SQLException {
        throw refused("getUDTs");
    }

    @Override
    public Connection getConnection() throws SQLException {
        throw refused("getConnection");
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        throw refused("supportsSavepoints");
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        throw refused("supportsNamedParameters");
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        throw refused("supportsMultipleOpenResults");
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        throw refused("supportsGetGeneratedKeys");
    }

    @Override
    public ResultSet getSuperTypes(String p0, String p1, String p2) throws SQLException {
        throw refused("getSuperTypes");
    }

    @Override
    public ResultSet getSuperTables(String p0, String p1, String p2) throws SQLException {
        throw refused("getSuperTables");
    }

    @Override
    public ResultSet getAttributes(String p0, String p1, String p2, String p3) throws SQLException {
        throw refused("getAttributes");
    }

    @Override
    public boolean supportsResultSetHoldability(int p0) throws SQLException {
        throw refused("supportsResultSetHoldability");
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        throw refused("getResultSetHoldability");
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        throw refused("getDatabaseMajorVersion");
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        throw refused("getDatabaseMinorVersion");
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        throw refused("getJDBCMajorVersion");
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        throw refused("getJDBCMinorVersion");
    }

    @Override
    public int getSQLStateType() throws SQLException {
        throw refused("getSQLStateType");
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        throw refused("locatorsUpdateCopy");
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        throw refused("supportsStatementPooling");
    }

    @Override
    public RowIdLifetime getRowIdLifetime() throws SQLException {
        throw refused("getRowIdLifetime");
    }

    @Override
    public ResultSet getSchemas(String p0, String p1) throws SQLException {
        throw refused("getSchemas");
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        throw refused("supportsStoredFunctionsUsingCallSyntax");
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        throw refused("autoCommitFailureClosesAllResultSets");
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        throw refused("getClientInfoProperties");
    }

    @Override
    public ResultSet getFunctions(String p0, String p1, String p2) throws SQLException {
        throw refused("getFunctions");
    }

    @Override
    public ResultSet getFunctionColumns(String p0, String p1, String p2, String p3)
            throws SQLException {
        throw refused("getFunctionColumns");
    }

    @Override
    public ResultSet getPseudoColumns(String p0, String p1, String p2, String p3)
            throws SQLException {
        throw refused("getPseudoColumns");
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        throw refused("generatedKeyAlwaysReturned");
    }
}
