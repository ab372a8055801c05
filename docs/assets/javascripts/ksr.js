/* ksr-library behaviour */
