/// Work in progress: the Raster module is being built in this session.
enum RasterModule {}
