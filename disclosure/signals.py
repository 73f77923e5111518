"""Signal handlers for disclosure pages (索引号 assignment etc.)."""
