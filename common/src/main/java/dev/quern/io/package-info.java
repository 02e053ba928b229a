/** Small file-system helpers shared by the daemons. */
package dev.quern.io;
