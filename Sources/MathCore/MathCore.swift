/// Work in progress: the MathCore module is being built in this session.
enum MathCoreModule {}
